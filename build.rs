//! Lays out the release binary so that a waiting knotless keeps little of it in memory.
//!
//! The kernel maps a program's code in 64 KiB runs around each page it touches, so resident
//! memory depends on how the code that runs is spread over the file, not on how much of it
//! there is. `src/link/hot.ld` lists the functions that start-up, the home screen, a
//! countdown and `remind` run (recorded from the real binary by
//! `benches/layout/regenerate.sh`) and puts them together in front of `.text`; everything
//! else keeps the linker's default place. Nothing is removed or changed, only placed; a
//! function missing from the list (new code) just lands in `.text`. Measured effect on the
//! countdown's resident memory: see README, "Performance".

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/link/hot.ld");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let elf_gnu = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if release && elf_gnu {
        let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{dir}/src/link/hot.ld");
    }
}
