//! Movement-break reminders: the pure schedule, the scheduler thread, and notifiers.
//! (Being written: see the reminders issue.)
