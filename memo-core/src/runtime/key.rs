//! Keys: how the arguments of a memoized function are looked up without allocating, and
//! stored on a miss.

use core::borrow::Borrow;
use core::hash::{Hash, Hasher};

use hashbrown::Equivalent;

/// For the generated code, which names nothing of `std` itself (a `#![no_std]` crate that
/// links `std` can still memoize).
pub use std::borrow::ToOwned;

/// A type that a memoized function's argument is keyed by, in a cache shared by all
/// threads: `T` for an argument `&T`, or for an argument `T` taken by value.
///
/// The key stores [`Owned`](Self::Owned), which is `T::Owned`: `String` for `str`,
/// `Vec<u8>` for `[u8]`, a clone of `T` for `T: Clone`. Implemented for every `T` that is
/// `Hash + Eq + ToOwned` and whose owned form can live in a `static` shared by all threads.
/// The macro names `<T as MemoizeKey>::Owned` at the span of the user's `T`, which is how a
/// missing bound is reported there.
pub trait MemoizeKey: Hash + Eq {
    /// The form stored in the cache.
    type Owned: Borrow<Self> + Hash + Eq + Send + 'static;
}

impl<T> MemoizeKey for T
where
    T: ?Sized + Hash + Eq + ToOwned,
    T::Owned: Hash + Eq + Send + 'static,
{
    type Owned = T::Owned;
}

/// [`MemoizeKey`] for a cache of one thread (`scope = thread`): the stored form need not be
/// `Send`.
pub trait MemoizeThreadKey: Hash + Eq {
    /// The form stored in the cache.
    type Owned: Borrow<Self> + Hash + Eq + 'static;
}

impl<T> MemoizeThreadKey for T
where
    T: ?Sized + Hash + Eq + ToOwned,
    T::Owned: Hash + Eq + 'static,
{
    type Owned = T::Owned;
}

/// The borrowed form of a key: a tuple of references to the arguments that make up the key,
/// `(&A, &B, ...)`, which hashes and compares like the owned key `(A::Owned, B::Owned, ...)`
/// that the cache stores, so a lookup needs neither an allocation nor a clone.
///
/// For an argument `a: &T` the element is `a` itself; for an argument `b: T` taken by value
/// it is `&b`. Implemented for tuples of 0 to 12 references (the tuples that implement
/// `Hash`).
///
/// `Borrowed` does not implement `Eq`: it is [`Equivalent`] to the owned tuple instead,
/// which does not overlap hashbrown's blanket impl for `Q: Eq`.
///
/// ```
/// use memo::__private::{Borrowed, BorrowedKey};
///
/// let key = Borrowed(("fib", &10_u32));
/// let owned: (String, u32) = key.to_owned_key();
/// assert_eq!(owned, ("fib".to_owned(), 10));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Borrowed<T>(pub T);

/// A borrowed key that can build its owned form: implemented by [`Borrowed`] tuples.
pub trait BorrowedKey: Hash + Equivalent<Self::Owned> {
    /// The owned key: the tuple of the elements' `ToOwned::Owned`.
    type Owned: Hash + Eq;

    /// Makes the owned key, element by element.
    fn to_owned_key(&self) -> Self::Owned;
}

macro_rules! borrowed_tuples {
    ($( ($($A:ident $O:ident $i:tt),*) )*) => {$(
        impl<$($A: ?Sized + Hash),*> Hash for Borrowed<($(&$A,)*)> {
            /// Hashes each element in order, exactly as the owned tuple does (a tuple's
            /// `Hash` has no length prefix, and `Borrow` guarantees equal element hashes).
            #[inline]
            fn hash<S: Hasher>(&self, _state: &mut S) {
                $( self.0.$i.hash(_state); )*
            }
        }

        impl<$($A: ?Sized + Eq, $O: Borrow<$A>),*> Equivalent<($($O,)*)> for Borrowed<($(&$A,)*)> {
            #[inline]
            fn equivalent(&self, _key: &($($O,)*)) -> bool {
                true $(&& *self.0.$i == *_key.$i.borrow())*
            }
        }

        impl<$($A),*> BorrowedKey for Borrowed<($(&$A,)*)>
        where
            $($A: ?Sized + Hash + Eq + ToOwned, $A::Owned: Hash + Eq,)*
        {
            type Owned = ($($A::Owned,)*);

            #[inline]
            #[allow(clippy::unused_unit, reason = "the arity 0 builds `()`")]
            fn to_owned_key(&self) -> Self::Owned {
                ($(ToOwned::to_owned(self.0.$i),)*)
            }
        }
    )*};
}

borrowed_tuples! {
    ()
    (A OA 0)
    (A OA 0, B OB 1)
    (A OA 0, B OB 1, C OC 2)
    (A OA 0, B OB 1, C OC 2, D OD 3)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9, K OK 10)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9, K OK 10, L OL 11)
}

/// The type of a `key = <expression>` given with `key_type = T`: the key is the value of the
/// expression, stored as it is.
///
/// Naming `<T as MemoizeKeyType>::Key` is how the macro checks that `T` can be stored in a
/// cache shared by all threads, at the span of `T`.
pub trait MemoizeKeyType {
    /// `T` itself.
    type Key: Hash + Eq + Send + 'static;
}

impl<T: Hash + Eq + Send + 'static> MemoizeKeyType for T {
    type Key = T;
}

/// [`MemoizeKeyType`] for a cache of one thread (`scope = thread`): the key need not be
/// `Send`.
pub trait MemoizeThreadKeyType {
    /// `T` itself.
    type Key: Hash + Eq + 'static;
}

impl<T: Hash + Eq + 'static> MemoizeThreadKeyType for T {
    type Key = T;
}

/// What a method keyed on `self` taken by value needs of `Self`, in a cache shared by all
/// threads: what [`MemoizeKey`] needs of a sized type, as supertraits (`Clone` makes it
/// `Sized`, which a trait's `Self` is not either). Keyed on `&self` (or an argument `&Self`)
/// instead, `Self` needs [`MemoizeBorrowedSelf`], which admits an unsized `Self`.
///
/// The macro bounds the accessor and companions of the method's cache by it (under a
/// `for<'_>`, so that a concrete `Self` that misses it is not an error of its own), so that
/// they check nothing of `Self`: in a trait's default method, whose `Self` has no bounds,
/// the method that calls the accessor is where rustc reports a missing trait, at `self`,
/// with this message.
#[diagnostic::on_unimplemented(
    message = "memoize: `{Self}` is in the cache's key by value, so it must be `Hash + Eq + Clone + Send + 'static`",
    note = "in a trait's default method, write `where Self: Hash + Eq + Clone + Send + 'static` on the method, or make them supertraits of the trait; or leave `self` out of the key with `ignore = [self]`"
)]
pub trait MemoizeSelf: Hash + Eq + Clone + Send + 'static {}

impl<T: Hash + Eq + Clone + Send + 'static> MemoizeSelf for T {}

/// [`MemoizeSelf`] for a cache of one thread (`scope = thread`): `Self` need not be `Send`.
#[diagnostic::on_unimplemented(
    message = "memoize: `{Self}` is in the cache's key by value, so it must be `Hash + Eq + Clone + 'static`",
    note = "in a trait's default method, write `where Self: Hash + Eq + Clone + 'static` on the method, or make them supertraits of the trait; or leave `self` out of the key with `ignore = [self]`"
)]
pub trait MemoizeThreadSelf: Hash + Eq + Clone + 'static {}

impl<T: Hash + Eq + Clone + 'static> MemoizeThreadSelf for T {}

/// What a method keyed on `&self` (or on an argument `&Self`) needs of `Self`, in a cache
/// shared by all threads: what [`MemoizeKey`] needs of any `T` behind a `&T`, as
/// supertraits, so that an unsized `Self` (`str`, a DST newtype with its own `ToOwned`) can
/// be keyed by reference. A sized `Self` that is `Hash + Eq + Clone + Send + 'static` has it
/// (its owned form is itself). Used as [`MemoizeSelf`] is.
#[diagnostic::on_unimplemented(
    message = "memoize: `{Self}` is in the cache's key, so it must be `Hash + Eq`, with an owned form (`ToOwned::Owned`, `Self` itself for a `Clone` type) that is `Hash + Eq + Send + 'static`",
    note = "in a trait's default method, write `where Self: Hash + Eq + Clone + Send + 'static` on the method (or, for an unsized `Self`, `where Self: Hash + Eq + ToOwned, <Self as ToOwned>::Owned: Hash + Eq + Send + 'static`), or make them supertraits of the trait; or leave `self` out of the key with `ignore = [self]`"
)]
pub trait MemoizeBorrowedSelf: Hash + Eq + ToOwned<Owned: Hash + Eq + Send + 'static> {}

impl<T> MemoizeBorrowedSelf for T
where
    T: ?Sized + Hash + Eq + ToOwned,
    T::Owned: Hash + Eq + Send + 'static,
{
}

/// [`MemoizeBorrowedSelf`] for a cache of one thread (`scope = thread`): the owned form
/// need not be `Send`.
#[diagnostic::on_unimplemented(
    message = "memoize: `{Self}` is in the cache's key, so it must be `Hash + Eq`, with an owned form (`ToOwned::Owned`, `Self` itself for a `Clone` type) that is `Hash + Eq + 'static`",
    note = "in a trait's default method, write `where Self: Hash + Eq + Clone + 'static` on the method (or, for an unsized `Self`, `where Self: Hash + Eq + ToOwned, <Self as ToOwned>::Owned: Hash + Eq + 'static`), or make them supertraits of the trait; or leave `self` out of the key with `ignore = [self]`"
)]
pub trait MemoizeThreadBorrowedSelf: Hash + Eq + ToOwned<Owned: Hash + Eq + 'static> {}

impl<T> MemoizeThreadBorrowedSelf for T
where
    T: ?Sized + Hash + Eq + ToOwned,
    T::Owned: Hash + Eq + 'static,
{
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};
    use std::sync::Arc;

    use hashbrown::{DefaultHashBuilder, Equivalent};
    use proptest::prelude::*;

    use super::*;

    fn hash_of<T: ?Sized + Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn borrowed_hashes_as_the_owned_tuple() {
        let bytes: &[u8] = b"abc";
        assert_eq!(hash_of(&Borrowed(())), hash_of(&()));
        assert_eq!(hash_of(&Borrowed(("x",))), hash_of(&("x".to_owned(),)));
        assert_eq!(
            hash_of(&Borrowed(("ab", "c", &7_u32))),
            hash_of(&("ab".to_owned(), "c".to_owned(), 7_u32)),
        );
        assert_eq!(hash_of(&Borrowed((bytes,))), hash_of(&(bytes.to_vec(),)));
        let twelve = Borrowed((
            &0_u8, "1", &2_u16, &3_u32, &4_u64, &5_u128, &6_i8, &7_i16, &8_i32, &9_i64, &'a', &true,
        ));
        assert_eq!(hash_of(&twelve), hash_of(&twelve.to_owned_key()));
        // With hashbrown's hasher as well, which is what the caches use.
        let build = DefaultHashBuilder::default();
        assert_eq!(
            build.hash_one(Borrowed(("a", &1_i32))),
            build.hash_one(("a".to_owned(), 1_i32)),
        );
    }

    #[test]
    fn borrowed_is_equivalent_elementwise() {
        let key = ("ab".to_owned(), 1_u32);
        assert!(Borrowed(("ab", &1_u32)).equivalent(&key));
        assert!(!Borrowed(("a", &1_u32)).equivalent(&key));
        assert!(!Borrowed(("ab", &2_u32)).equivalent(&key));
        assert!(Borrowed(()).equivalent(&()));
        // The owned side may be any `Borrow` of the elements.
        let boxed: (Box<str>, Arc<u32>) = ("ab".into(), Arc::new(1));
        assert!(Borrowed(("ab", &1_u32)).equivalent(&boxed));
    }

    #[test]
    fn borrowed_builds_the_owned_key() {
        let bytes: &[u8] = &[1, 2];
        let owned: (String, Vec<u8>, u8) = Borrowed(("s", bytes, &3_u8)).to_owned_key();
        assert_eq!(owned, ("s".to_owned(), vec![1, 2], 3));
        let unit: () = Borrowed(()).to_owned_key();
        assert_eq!(unit, ());
    }

    proptest! {
        #[test]
        fn borrowed_hash_and_equivalence_agree_with_the_owned_key(
            a in ".*", b in any::<u64>(), c in proptest::collection::vec(any::<u8>(), 0..8),
            other in ".*",
        ) {
            let borrowed = Borrowed((a.as_str(), &b, c.as_slice()));
            let owned = borrowed.to_owned_key();
            prop_assert_eq!(hash_of(&borrowed), hash_of(&owned));
            prop_assert!(borrowed.equivalent(&owned));
            prop_assert_eq!(Borrowed((other.as_str(), &b, c.as_slice())).equivalent(&owned), other == a);
        }
    }
}
