//! Scheduler thread (stub).
