//! The history store (SQLite) and what is computed from it.
//! (Being written: see the history issue.)
