//! [`MethodSlots::cache`] and [`MethodLocal`]: the cache of a memoized method, whose
//! `static` cannot name its types.
//!
//! A `static` inside an `impl` cannot name `Self` nor the impl's generic parameters, so the
//! macro puts a type-erased [`MethodSlots`] (or a thread-local [`MethodLocalSlots`]) in a
//! hidden associated function, which returns the typed cache in it: a `&'static`
//! [`Shared`], or a [`MethodLocal`] handle to this thread's [`Local`]. A `static` inside a
//! function of a generic `impl<T> Foo<T>` (or of a default method of a generic
//! `trait Bar<T>`) is shared by every instantiation, so the slots hold one cache (a
//! [`Shared`], or a [`Local`]) per instantiation: per pair of owner and place type, the
//! owner being the type of the accessor function itself, a function item, which carries
//! every generic argument of the impl or trait (so `Self` and a trait's parameters). The
//! pair is told apart by its [`typeid::of`], which does not need `'static` (a method that
//! leaves `self` out of its key may borrow) and tells `Foo<u8>` from `Foo<u16>` even when
//! the key and value types are the same. Instantiations that differ in their lifetimes only
//! share a cache (the key and value are `'static`, so nothing in it depends on them), but
//! for higher-ranked types (`for<'a> fn(&'a T)` is not `fn(&'static T)`).
//! `type_name::<Self>()` would not do: it is not unique (two closures of one function share
//! theirs). A call finds its slot by walking the slots, comparing `TypeId`s, and then locks
//! (or borrows) that slot's cache alone: the caches of two instantiations are as separate
//! as those of two functions.

use core::any::{Any, TypeId};
use core::cell::OnceCell;
use core::fmt;
use core::hash::Hash;
use core::marker::PhantomData;
use std::sync::OnceLock;
use std::thread::LocalKey;

use super::{CacheKind, Config, Core, Local, NewCache, Place, Shared};
use crate::Scope;

/// The `static` of a memoized method shared by all threads: its caches, one per
/// instantiation of the `impl`, each a [`Shared`] behind a lock of its own.
///
/// They form a list that only grows, each link set once: finding a cache takes no lock, and
/// the `Hash` of one instantiation's key may call another instantiation's cache, as it may
/// another function's.
pub struct MethodSlots {
    first: OnceLock<Box<SharedSlot>>,
}

/// The `thread_local!` of a memoized method with `scope = thread`: this thread's caches, one
/// per instantiation, each a [`Local`] in a `RefCell` of its own, in a list as
/// [`MethodSlots`]'.
pub struct MethodLocalSlots {
    first: OnceCell<Box<LocalSlot>>,
}

struct SharedSlot {
    /// [`slot_id`] of the accessor that made it and of `place`'s type, kept here so that
    /// finding the slot calls nothing through `place`'s vtable: only the downcast of the
    /// slot found does.
    id: TypeId,
    /// A `Shared<K, V, Kind>`.
    place: Box<dyn Any + Send + Sync>,
    next: OnceLock<Box<SharedSlot>>,
}

struct LocalSlot {
    /// As [`SharedSlot::id`].
    id: TypeId,
    /// A `Local<K, V, Kind>`.
    place: Box<dyn Any>,
    next: OnceCell<Box<LocalSlot>>,
}

/// The identity of the slot of `Owner`'s place of type `P`: the `TypeId` of the pair, with
/// lifetimes erased.
#[inline]
fn slot_id<Owner: ?Sized, P: 'static>() -> TypeId {
    typeid::of::<(PhantomData<Owner>, P)>()
}

impl MethodSlots {
    /// No caches yet.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            first: OnceLock::new(),
        }
    }

    /// The place of slot `id`, a `P`, added at the end of the list if there is none.
    ///
    /// Two threads that add at once race for the same link: the loser finds the winner's
    /// slot there and goes on past it. `new` runs no user code, so a link's initialization
    /// cannot re-enter it.
    #[inline]
    fn find<P: Any + Send + Sync>(&self, id: TypeId, new: impl Fn() -> P) -> &P {
        let mut link = &self.first;
        loop {
            let slot = link.get_or_init(|| {
                Box::new(SharedSlot {
                    id,
                    place: Box::new(new()),
                    next: OnceLock::new(),
                })
            });
            if slot.id == id {
                return downcast(slot.place.downcast_ref());
            }
            link = &slot.next;
        }
    }

    /// The cache of `owner` in these slots, built with `config` on first use. `owner` is
    /// the accessor function that calls this: only its type counts.
    ///
    /// A `&'static` to the cache itself, not a handle that finds it on each use: a `Miss`
    /// then holds one pointer, which an `async fn` keeps across the `.await` of its body,
    /// and its store does not walk the slots again.
    #[inline]
    #[must_use]
    pub fn cache<Owner, K, V, Kind>(
        &'static self,
        config: Config,
        _owner: &Owner,
    ) -> &'static Shared<K, V, Kind>
    where
        Owner: ?Sized,
        K: Send + 'static,
        V: Send + 'static,
        Kind: CacheKind<K, V, Cache: Send + 'static> + 'static,
    {
        self.find(slot_id::<Owner, Shared<K, V, Kind>>(), || {
            Shared::new(config)
        })
    }
}

impl Default for MethodSlots {
    fn default() -> Self {
        Self::new()
    }
}

impl MethodLocalSlots {
    /// No caches yet.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            first: OnceCell::new(),
        }
    }

    /// As [`MethodSlots::find`], on this thread's list.
    #[inline]
    fn find<P: Any>(&self, id: TypeId, new: impl Fn() -> P) -> &P {
        let mut link = &self.first;
        loop {
            let slot = link.get_or_init(|| {
                Box::new(LocalSlot {
                    id,
                    place: Box::new(new()),
                    next: OnceCell::new(),
                })
            });
            if slot.id == id {
                return downcast(slot.place.downcast_ref());
            }
            link = &slot.next;
        }
    }
}

impl Default for MethodLocalSlots {
    fn default() -> Self {
        Self::new()
    }
}

/// The place of the slot found, whose id is that of its type.
#[inline]
fn downcast<P>(place: Option<&P>) -> &P {
    match place {
        Some(place) => place,
        None => unreachable!("the slot was found or made for this type"),
    }
}

/// A memoized method's place with `scope = thread`: the typed view of one slot of this
/// thread's [`MethodLocalSlots`].
pub struct MethodLocal<K, V, Kind> {
    slots: &'static LocalKey<MethodLocalSlots>,
    /// [`slot_id`] of the accessor and the place.
    id: TypeId,
    config: Config,
    types: PhantomData<fn(K) -> (V, Kind)>,
}

impl<K, V, Kind> MethodLocal<K, V, Kind>
where
    K: 'static,
    V: 'static,
    Kind: CacheKind<K, V> + 'static,
{
    /// The cache of `owner` in this thread's `slots`, built with `config` on first use.
    /// `owner` is the accessor function that makes the handle: only its type counts.
    #[inline]
    #[must_use]
    pub fn new<Owner: ?Sized>(
        slots: &'static LocalKey<MethodLocalSlots>,
        config: Config,
        _owner: &Owner,
    ) -> Self {
        Self {
            slots,
            id: slot_id::<Owner, Local<K, V, Kind>>(),
            config,
            types: PhantomData,
        }
    }
}

impl<K, V, Kind> Place for MethodLocal<K, V, Kind>
where
    K: Hash + Eq + 'static,
    V: Clone + 'static,
    Kind: CacheKind<K, V, Cache: NewCache<K, V> + 'static> + 'static,
{
    type Key = K;
    type Value = V;
    type Cache = Kind::Cache;
    const SCOPE: Scope = Scope::Thread;

    #[inline]
    fn with_core<R>(&self, f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R) -> Option<R> {
        // As `Local`'s place: no core once the thread-local is destroyed.
        self.slots.try_with(|slots| self.in_slots(slots, f)).ok()
    }
}

impl<K, V, Kind> MethodLocal<K, V, Kind>
where
    K: Hash + Eq + 'static,
    V: Clone + 'static,
    Kind: CacheKind<K, V, Cache: NewCache<K, V> + 'static> + 'static,
{
    /// Out of line for the reason [`Local`]'s `with_core` is: the closure given to
    /// `LocalKey::with` stays small, `with` inlines, and the thread-local is read at an
    /// offset from the thread pointer instead of through the key's accessor.
    #[inline(never)]
    fn in_slots<R>(
        &self,
        slots: &MethodLocalSlots,
        f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R,
    ) -> R {
        slots
            .find(self.id, || Local::<K, V, Kind>::new(self.config))
            .borrow_core(f)
    }
}

impl fmt::Debug for MethodSlots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MethodSlots").finish_non_exhaustive()
    }
}

impl fmt::Debug for MethodLocalSlots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MethodLocalSlots").finish_non_exhaustive()
    }
}

impl<K, V, Kind> fmt::Debug for MethodLocal<K, V, Kind> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MethodLocal")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;
    use std::rc::Rc;

    use super::super::testing::{bounded, call, info};
    use super::super::{Borrowed, Lru, Place};
    use super::*;
    use crate::Scope;

    static SLOTS: MethodSlots = MethodSlots::new();

    fn method<Owner: ?Sized, K: Send + 'static, V: Send + 'static>() -> &'static Shared<K, V, Lru> {
        SLOTS.cache(bounded(4), &PhantomData::<Owner>)
    }

    struct Foo<T>(T);

    #[test]
    fn method_slots_keep_one_cache_per_owner_and_type() {
        let a = method::<Foo<u8>, (u32,), u32>();
        let b = method::<Foo<u16>, (u32,), u32>();
        let c = method::<Foo<u8>, (u64,), u32>();
        let d = method::<Foo<&'static str>, (u32,), u32>();
        let e = method::<for<'a> fn(Foo<&'a str>), (u32,), u32>();
        call(a, &Borrowed((&1,)), || 1);
        call(a, &Borrowed((&1,)), || unreachable!());
        assert_eq!(call(b, &Borrowed((&1,)), || 2), 2);
        assert_eq!(call(c, &Borrowed((&1,)), || 3), 3);
        assert_eq!(a.info(), info(1, 1, Some(4), 1));
        assert_eq!(b.info(), info(0, 1, Some(4), 1));
        assert_eq!(c.info(), info(0, 1, Some(4), 1));
        b.clear();
        assert_eq!(a.info(), info(1, 1, Some(4), 1));
        assert_eq!(b.info(), info(0, 0, Some(4), 0));
        // Looked up anew, the slot is the same.
        assert_eq!(
            call(method::<Foo<u8>, (u32,), u32>(), &Borrowed((&1,)), || 9),
            1
        );
        // Owners that differ in a lifetime only share a slot.
        fn borrowed<'a>(_: &'a str) -> &'static Shared<(u32,), u32, Lru> {
            method::<Foo<&'a str>, (u32,), u32>()
        }
        assert_eq!(call(d, &Borrowed((&1,)), || 4), 4);
        let local = String::from("x");
        assert_eq!(call(borrowed(&local), &Borrowed((&1,)), || 5), 4);
        assert_eq!(call(e, &Borrowed((&1,)), || 6), 6);
        assert_eq!(a.parameters().scope, Scope::Global);
    }

    thread_local! {
        static LOCAL_SLOTS: MethodLocalSlots = const { MethodLocalSlots::new() };
    }

    #[test]
    fn thread_local_method_slots_are_per_thread() {
        let place = MethodLocal::<(u32,), Rc<u32>, Lru>::new(&LOCAL_SLOTS, bounded(4), &Foo(0_u8));
        call(&place, &Borrowed((&1,)), || Rc::new(1));
        call(&place, &Borrowed((&1,)), || unreachable!());
        assert_eq!(place.info(), info(1, 1, Some(4), 1));
        std::thread::spawn(|| {
            let place =
                MethodLocal::<(u32,), Rc<u32>, Lru>::new(&LOCAL_SLOTS, bounded(4), &Foo(0_u8));
            assert_eq!(place.info(), info(0, 0, Some(4), 0));
        })
        .join()
        .unwrap();
        assert_eq!(place.parameters().scope, Scope::Thread);
    }
}
