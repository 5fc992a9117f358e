//! One password check at a time per username.
//!
//! Without it, a thousand wrong passwords sent at once all read the account
//! before the first failure is counted, and all of them run argon2: the
//! lockout would only start after the flood. Attempts for one username
//! queue here instead, so each sees the failures before it, and once the
//! account is locked the rest are answered without hashing. The pass is
//! held until the failure is written, even after the answer went out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

/// The queues, one per username with an attempt in flight.
#[derive(Clone, Default)]
pub struct LoginGate(Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>);

/// The right to check one password for a username; dropping it lets the
/// next attempt in.
pub struct GatePass {
    guard: Option<OwnedMutexGuard<()>>,
    gate: LoginGate,
    username: String,
}

impl LoginGate {
    /// Waits for this username's turn.
    pub async fn enter(&self, username: &str) -> GatePass {
        let queue = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(username.to_owned())
            .or_default()
            .clone();
        GatePass {
            guard: Some(queue.lock_owned().await),
            gate: self.clone(),
            username: username.to_owned(),
        }
    }
}

impl Drop for GatePass {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut queues = self.gate.0.lock().unwrap_or_else(|e| e.into_inner());
        // Only the map still holds it: nobody waits, so forget the name.
        if queues
            .get(&self.username)
            .is_some_and(|queue| Arc::strong_count(queue) == 1)
        {
            queues.remove(&self.username);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn attempts_for_one_name_take_turns_and_leave_nothing_behind() {
        let gate = LoginGate::default();
        let first = gate.enter("filer_a").await;
        let other = gate.enter("filer_b").await;
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.enter("filer_a").await }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "the second attempt waits its turn");
        drop(first);
        let second = waiting.await.unwrap();
        drop((second, other));
        assert!(gate.0.lock().unwrap().is_empty());
    }
}
