//! Notifiers (stub).
