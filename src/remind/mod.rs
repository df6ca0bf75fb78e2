//! Movement-break reminders: the settings, the pure schedule, the messages, the notifiers
//! and the scheduler thread. `settings`, `schedule` and `messages` are pure.

pub mod hours;
pub mod messages;
pub mod notify;
pub mod schedule;
pub mod settings;
pub mod thread;

pub use settings::ReminderSettings;
