//! The notification icon: knotless's own where it is installed, a generic one otherwise.

use std::path::PathBuf;

/// A generic freedesktop icon name, used when no knotless icon is installed.
pub const FALLBACK_ICON: &str = "appointment-soon";

/// The notification icon: the name `knotless` when the icon is installed (by `knotless
/// setup`, or a package) in the hicolor theme or `pixmaps` (the server then picks the best
/// size), else a generic freedesktop icon name. Never a file path: the build tree or a
/// binary's folder may be gone by the time a notification is shown.
#[must_use]
pub fn default_icon() -> String {
    let mut data_dirs: Vec<PathBuf> = Vec::new();
    if let Some(share) = crate::paths::data_home() {
        data_dirs.push(share);
    }
    let system = std::env::var_os("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    data_dirs.extend(std::env::split_paths(&system));
    choose_icon(&data_dirs, |p| p.is_file())
}

/// [`default_icon`]'s choice, given the data directories and a test for whether a file
/// exists.
#[must_use]
pub fn choose_icon(data_dirs: &[PathBuf], exists: impl Fn(&std::path::Path) -> bool) -> String {
    const INSTALLED: [&str; 4] = [
        "icons/hicolor/scalable/apps/knotless.svg",
        "icons/hicolor/128x128/apps/knotless.png",
        "icons/hicolor/256x256/apps/knotless.png",
        "pixmaps/knotless.png",
    ];
    if data_dirs
        .iter()
        .any(|dir| INSTALLED.iter().any(|icon| exists(&dir.join(icon))))
    {
        "knotless".to_string()
    } else {
        FALLBACK_ICON.to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{FALLBACK_ICON, choose_icon};

    fn dirs() -> Vec<PathBuf> {
        vec![
            PathBuf::from("/home/u/.local/share"),
            PathBuf::from("/usr/share"),
        ]
    }

    #[test]
    fn an_installed_icon_is_named_not_pathed() {
        let themed =
            |p: &Path| p == Path::new("/usr/share/icons/hicolor/128x128/apps/knotless.png");
        assert_eq!(choose_icon(&dirs(), themed), "knotless");
        let pixmap = |p: &Path| p == Path::new("/usr/share/pixmaps/knotless.png");
        assert_eq!(choose_icon(&dirs(), pixmap), "knotless");
    }

    #[test]
    fn else_a_generic_icon_name() {
        assert_eq!(choose_icon(&dirs(), |_| false), FALLBACK_ICON);
    }
}
