//! What must never reach a terminal, written independently of `knotless::text` so that a
//! bug there cannot make these tests pass vacuously.

/// C0/C1 controls (ESC, CR, BS, NUL, CSI…), bidi embeddings, overrides and isolates, and
/// zero-width or invisible characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2060}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{feff}' | '\u{061c}' | '\u{180e}')
}
