//! [`Schedule`]: which entries of a bounded [`ExpiringCache`](super::ExpiringCache) expire
//! next, so that a full cache drops its expired entries before it evicts a live one,
//! without walking the cache on every insert.

use std::collections::VecDeque;

use crate::Timestamp;

/// Whether an entry stamped to expire at `expires_at` has expired at `now`; an entry
/// stamped [`Timestamp::MAX`] (a ttl too long to stamp) never does.
#[inline]
pub(super) fn has_expired(expires_at: Timestamp, now: Timestamp) -> bool {
    now >= expires_at && expires_at != Timestamp::MAX
}

/// The entries that expire first, known by their expiry and hash as of the last sweep, and a
/// lower bound on the expiry of every other entry.
///
/// # Invariants
///
/// 1. `due` is sorted by expiry, soonest first.
/// 2. Every stored entry either has a record in `due` with its expiry and hash, or expires
///    no sooner than `rest_from` (`None`: every entry has a record).
///
/// A record outlives its entry when the entry is removed or written again (which stamps it
/// anew, and lowers `rest_from` to the new stamp if need be): such a record is stale and
/// matches no entry, or matches another entry with the same hash and expiry, which has
/// then expired just as the recorded one would have. So once the due records are dropped,
/// no entry has expired unless `rest_from` has passed.
#[derive(Clone, Debug)]
pub(super) struct Schedule {
    due: VecDeque<(Timestamp, u64)>,
    rest_from: Option<Timestamp>,
}

impl Schedule {
    /// No record: no entry expires before `rest_from` (`None`: there is no entry). What a
    /// sweep of a cache that does not file its entries by hash leaves, or of an unbounded
    /// cache, which never needs room.
    pub(super) const fn bound(rest_from: Option<Timestamp>) -> Self {
        Self {
            due: VecDeque::new(),
            rest_from,
        }
    }

    /// The schedule after a sweep, from the `(expiry, hash)` of every entry it left.
    ///
    /// Only the half of the entries that expire first get a record: records kept take 8
    /// bytes an entry (the sweep's buffer, 16 bytes an entry, is freed), and building them
    /// costs O(n) plus a sort of n / 2. Entries expire in the order they are written in
    /// (they share a ttl), so a full cache needs no sweep before those n / 2 have expired
    /// or been written again: they pay for it. Sorted by expiry alone: the order of records
    /// with the same expiry does not matter, and comparing their hashes too is work for
    /// nothing.
    pub(super) fn of(mut entries: Vec<(Timestamp, u64)>) -> Self {
        let scheduled = entries.len().div_ceil(2);
        let rest_from = if entries.len() > scheduled {
            let (_, &mut (first_unscheduled, _), _) =
                entries.select_nth_unstable_by_key(scheduled, |&(expires_at, _)| expires_at);
            entries.truncate(scheduled);
            Some(first_unscheduled)
        } else {
            None
        };
        // The buffer was sized for every entry before the sweep.
        entries.shrink_to_fit();
        entries.sort_unstable_by_key(|&(expires_at, _)| expires_at);
        Self {
            due: entries.into(),
            rest_from,
        }
    }

    /// An entry was stamped to expire at `expires_at`.
    #[inline]
    pub(super) fn written(&mut self, expires_at: Timestamp) {
        self.rest_from = Some(self.rest_from.map_or(expires_at, |t| t.min(expires_at)));
    }

    /// Takes the next record whose entry has expired at `now`: its expiry and hash.
    pub(super) fn pop_expired(&mut self, now: Timestamp) -> Option<(Timestamp, u64)> {
        let &(expires_at, _) = self.due.front()?;
        if has_expired(expires_at, now) {
            self.due.pop_front()
        } else {
            None
        }
    }

    /// Whether an entry without a record may have expired at `now`: only a sweep finds it.
    #[inline]
    pub(super) fn rest_may_have_expired(&self, now: Timestamp) -> bool {
        self.rest_from
            .is_some_and(|expires_at| has_expired(expires_at, now))
    }

    /// Whether some entry may have expired at `now`.
    #[inline]
    pub(super) fn may_have_expired(&self, now: Timestamp) -> bool {
        self.rest_may_have_expired(now)
            || self
                .due
                .front()
                .is_some_and(|&(expires_at, _)| has_expired(expires_at, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(nanos: u64) -> Timestamp {
        Timestamp::from_nanos(nanos)
    }

    #[test]
    fn a_sweep_schedules_the_first_half_soonest_first() {
        let entries: Vec<_> = (0..4u64).rev().map(|n| (t(10 + n), n)).collect();
        let mut schedule = Schedule::of(entries);
        assert!(!schedule.may_have_expired(t(9)));
        assert_eq!(schedule.pop_expired(t(9)), None);
        assert_eq!(schedule.pop_expired(t(10)), Some((t(10), 0)));
        assert_eq!(
            schedule.pop_expired(t(10)),
            None,
            "11 has not expired at 10"
        );
        assert!(!schedule.rest_may_have_expired(t(11)));
        assert_eq!(schedule.pop_expired(t(11)), Some((t(11), 1)));
        assert_eq!(schedule.pop_expired(t(99)), None, "two of 4 are scheduled");
        assert!(
            schedule.rest_may_have_expired(t(12)),
            "12 is the first of the rest"
        );
    }

    #[test]
    fn the_records_keep_no_more_room_than_they_need() {
        let mut entries = Vec::with_capacity(1 << 16);
        entries.push((t(5), 1));
        let schedule = Schedule::of(entries);
        assert!(schedule.due.capacity() < 16, "{}", schedule.due.capacity());
    }

    #[test]
    fn a_write_lowers_the_bound_of_the_rest() {
        let mut schedule = Schedule::of(vec![(t(5), 1)]);
        assert!(
            !schedule.rest_may_have_expired(t(100)),
            "every entry has a record"
        );
        schedule.written(t(20));
        assert!(!schedule.rest_may_have_expired(t(19)));
        assert!(schedule.rest_may_have_expired(t(20)));
        schedule.written(t(3));
        assert!(
            schedule.rest_may_have_expired(t(3)),
            "a clock may step back"
        );
    }

    #[test]
    fn a_bound_alone_has_no_record() {
        let schedule = Schedule::bound(Some(t(7)));
        assert_eq!(schedule.clone().pop_expired(t(100)), None);
        assert!(!schedule.may_have_expired(t(6)));
        assert!(schedule.may_have_expired(t(7)));
    }

    #[test]
    fn an_entry_stamped_max_never_expires() {
        let mut schedule = Schedule::of(vec![(Timestamp::MAX, 1)]);
        assert_eq!(schedule.pop_expired(Timestamp::MAX), None);
        assert!(!schedule.may_have_expired(Timestamp::MAX));
        assert!(Schedule::bound(Some(t(0))).may_have_expired(t(0)));
        assert!(!Schedule::bound(None).may_have_expired(Timestamp::MAX));
    }
}
