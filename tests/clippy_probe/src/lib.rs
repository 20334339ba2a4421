//! Memoized functions whose signatures draw clippy's lints, each behind
//! `cfg_attr(feature = "memoize", ..)`: `tests/clippy_once.rs` runs clippy on this crate
//! with and without the attribute, and compares what it reports. Without the `probe`
//! feature the crate is empty, so that the workspace's own clippy run stays clean.
#![cfg(feature = "probe")]
#![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
#![allow(dead_code, clippy::must_use_candidate, clippy::missing_panics_doc)]

/// Free functions exported from the crate: clippy skips some lints on them. Each is in a
/// module of its own that sets the lint levels, so that a lint drawn twice is printed
/// twice: rustc prints a diagnostic once, but the first of each lint after a level carries
/// a note.
pub mod exported {
    pub mod vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn vec_box(v: Vec<Box<u32>>) -> u32 {
            v.iter().map(|b| **b).sum()
        }
    }

    pub mod box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_string(s: Box<String>) -> usize {
            s.len()
        }
    }

    pub mod box_vec_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_vec_ret(n: u32) -> Box<Vec<u32>> {
            Box::new(vec![n])
        }
    }

    pub mod box_ref {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_ref(b: Box<&'static u32>) -> u32 {
            **b
        }
    }

    pub mod arc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn arc_box(b: std::sync::Arc<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod rc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        pub fn rc_box(b: std::rc::Rc<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod box_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_box(b: Box<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod borrowed_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn borrowed_box(b: &Box<u32>) -> u32 {
            **b
        }
    }

    pub mod complex {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn complex(n: u32) -> Vec<Vec<Box<(u32, u32, u32, u32, Vec<Option<(u32, u32)>>)>>> {
            vec![vec![Box::new((n, n, n, n, vec![]))]]
        }
    }

    pub mod option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn option_option(o: Option<Option<u32>>) -> u32 {
            o.flatten().unwrap_or(0)
        }
    }

    pub mod linkedlist {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn linkedlist(l: std::collections::LinkedList<u32>) -> u32 {
            l.iter().sum()
        }
    }

    pub mod box_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_ret(n: u32) -> Box<u32> {
            Box::new(n)
        }
    }

    pub mod ref_u32 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ref_u32(n: &u32) -> u32 {
            *n
        }
    }

    pub mod big_array {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn big_array(a: [u64; 64]) -> u64 {
            a.iter().sum()
        }
    }

    pub mod ref_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ref_option(o: &Option<String>) -> usize {
            o.as_ref().map_or(0, String::len)
        }
    }

    pub mod arc_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn arc_string(s: std::sync::Arc<String>) -> usize {
            s.len()
        }
    }

    pub mod bools {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn bools(a: bool, b: bool, c: bool, d: bool) -> u32 {
            u32::from(a) + u32::from(b) + u32::from(c) + u32::from(d)
        }
    }

    pub mod owned_cow {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn owned_cow(c: std::borrow::Cow<'static, String>) -> usize {
            c.len()
        }
    }

    pub mod ref_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ref_string(s: &String) -> usize {
            s.len()
        }
    }

    pub mod ref_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ref_vec(v: &Vec<u32>) -> usize {
            v.len()
        }
    }

    pub mod unit_err {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn unit_err(n: u32) -> Result<u32, ()> {
            if n > 0 { Ok(n) } else { Err(()) }
        }
    }

    pub mod by_value {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn by_value(s: String) -> usize {
            s.len()
        }
    }

    pub mod many_args {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn many_args(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) -> u32 {
            u32::from(a + b + c + d + e + f + g + h)
        }
    }

    pub mod box_slice_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_slice_vec(v: Vec<Box<[u32]>>) -> usize {
            v.len()
        }
    }

    pub mod vec_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn vec_box_dyn(v: Vec<Box<str>>) -> usize {
            v.len()
        }
    }

    pub mod box_dyn_arc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_dyn_arc(b: std::sync::Arc<Box<str>>) -> usize {
            b.len()
        }
    }

    pub mod nested_vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn nested_vec_box(o: Option<Vec<Box<u32>>>) -> usize {
            o.map_or(0, |v| v.len())
        }
    }

    pub mod tuple_box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn tuple_box_string(t: (Box<String>, u8)) -> usize {
            t.0.len()
        }
    }

    pub mod borrowed_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(ignore = [b]))]
        pub fn borrowed_box_dyn(b: &Box<dyn Fn() -> u32>) -> u32 {
            b()
        }
    }

    pub mod vec_box_huge {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn vec_box_huge(v: Vec<Box<[u8; 8000]>>) -> usize {
            v.len()
        }
    }

    pub mod ret_option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ret_option_option(n: u32) -> Option<Option<u32>> {
            Some(Some(n))
        }
    }

    pub mod rc_rc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        pub fn rc_rc(r: std::rc::Rc<std::rc::Rc<u32>>) -> u32 {
            **r
        }
    }

    pub mod box_rc_str {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        pub fn box_rc_str(r: Box<std::rc::Rc<str>>) -> usize {
            r.len()
        }
    }

    pub mod cow_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn cow_vec(c: std::borrow::Cow<'static, Vec<u8>>) -> usize {
            c.len()
        }
    }

    pub mod ref_i64_u128 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn ref_i64_u128(a: &i64, b: &u128) -> u128 {
            u128::try_from(*a).unwrap_or(0) + *b
        }
    }

    pub mod box_fn_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn box_fn_ret(n: u32) -> std::sync::Arc<dyn Fn(u32) -> u32 + Send + Sync> {
            std::sync::Arc::new(move |x| x + n)
        }
    }

    pub mod heaped {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        pub fn heaped(n: u32) -> Box<u32> {
            Box::new(n)
        }
    }
}

/// Free functions that are not exported, in modules of their own likewise.
pub mod private {
    pub mod vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn vec_box(v: Vec<Box<u32>>) -> u32 {
            v.iter().map(|b| **b).sum()
        }
    }

    pub mod box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_string(s: Box<String>) -> usize {
            s.len()
        }
    }

    pub mod box_vec_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_vec_ret(n: u32) -> Box<Vec<u32>> {
            Box::new(vec![n])
        }
    }

    pub mod box_ref {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_ref(b: Box<&'static u32>) -> u32 {
            **b
        }
    }

    pub mod arc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn arc_box(b: std::sync::Arc<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod rc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        fn rc_box(b: std::rc::Rc<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod box_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_box(b: Box<Box<u32>>) -> u32 {
            **b
        }
    }

    pub mod borrowed_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn borrowed_box(b: &Box<u32>) -> u32 {
            **b
        }
    }

    pub mod complex {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn complex(n: u32) -> Vec<Vec<Box<(u32, u32, u32, u32, Vec<Option<(u32, u32)>>)>>> {
            vec![vec![Box::new((n, n, n, n, vec![]))]]
        }
    }

    pub mod option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn option_option(o: Option<Option<u32>>) -> u32 {
            o.flatten().unwrap_or(0)
        }
    }

    pub mod linkedlist {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn linkedlist(l: std::collections::LinkedList<u32>) -> u32 {
            l.iter().sum()
        }
    }

    pub mod box_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_ret(n: u32) -> Box<u32> {
            Box::new(n)
        }
    }

    pub mod ref_u32 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ref_u32(n: &u32) -> u32 {
            *n
        }
    }

    pub mod big_array {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn big_array(a: [u64; 64]) -> u64 {
            a.iter().sum()
        }
    }

    pub mod ref_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ref_option(o: &Option<String>) -> usize {
            o.as_ref().map_or(0, String::len)
        }
    }

    pub mod arc_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn arc_string(s: std::sync::Arc<String>) -> usize {
            s.len()
        }
    }

    pub mod bools {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn bools(a: bool, b: bool, c: bool, d: bool) -> u32 {
            u32::from(a) + u32::from(b) + u32::from(c) + u32::from(d)
        }
    }

    pub mod owned_cow {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn owned_cow(c: std::borrow::Cow<'static, String>) -> usize {
            c.len()
        }
    }

    pub mod ref_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ref_string(s: &String) -> usize {
            s.len()
        }
    }

    pub mod ref_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ref_vec(v: &Vec<u32>) -> usize {
            v.len()
        }
    }

    pub mod unit_err {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn unit_err(n: u32) -> Result<u32, ()> {
            if n > 0 { Ok(n) } else { Err(()) }
        }
    }

    pub mod by_value {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn by_value(s: String) -> usize {
            s.len()
        }
    }

    pub mod many_args {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn many_args(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) -> u32 {
            u32::from(a + b + c + d + e + f + g + h)
        }
    }

    pub mod box_slice_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_slice_vec(v: Vec<Box<[u32]>>) -> usize {
            v.len()
        }
    }

    pub mod vec_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn vec_box_dyn(v: Vec<Box<str>>) -> usize {
            v.len()
        }
    }

    pub mod box_dyn_arc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_dyn_arc(b: std::sync::Arc<Box<str>>) -> usize {
            b.len()
        }
    }

    pub mod nested_vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn nested_vec_box(o: Option<Vec<Box<u32>>>) -> usize {
            o.map_or(0, |v| v.len())
        }
    }

    pub mod tuple_box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn tuple_box_string(t: (Box<String>, u8)) -> usize {
            t.0.len()
        }
    }

    pub mod borrowed_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(ignore = [b]))]
        fn borrowed_box_dyn(b: &Box<dyn Fn() -> u32>) -> u32 {
            b()
        }
    }

    pub mod vec_box_huge {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn vec_box_huge(v: Vec<Box<[u8; 8000]>>) -> usize {
            v.len()
        }
    }

    pub mod ret_option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ret_option_option(n: u32) -> Option<Option<u32>> {
            Some(Some(n))
        }
    }

    pub mod rc_rc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        fn rc_rc(r: std::rc::Rc<std::rc::Rc<u32>>) -> u32 {
            **r
        }
    }

    pub mod box_rc_str {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
        fn box_rc_str(r: Box<std::rc::Rc<str>>) -> usize {
            r.len()
        }
    }

    pub mod cow_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn cow_vec(c: std::borrow::Cow<'static, Vec<u8>>) -> usize {
            c.len()
        }
    }

    pub mod ref_i64_u128 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn ref_i64_u128(a: &i64, b: &u128) -> u128 {
            u128::try_from(*a).unwrap_or(0) + *b
        }
    }

    pub mod box_fn_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn box_fn_ret(n: u32) -> std::sync::Arc<dyn Fn(u32) -> u32 + Send + Sync> {
            std::sync::Arc::new(move |x| x + n)
        }
    }

    pub mod heaped {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]
        #[cfg_attr(feature = "memoize", memo::memoize)]
        fn heaped(n: u32) -> Box<u32> {
            Box::new(n)
        }
    }
}

/// Methods, exported, in modules of their own likewise.
pub mod methods {
    /// A receiver for the methods.
    #[derive(Clone, Debug, Hash, PartialEq, Eq)]
    pub struct S;

    pub mod vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn vec_box(&self, v: Vec<Box<u32>>) -> u32 {
                v.iter().map(|b| **b).sum()
            }
        }
    }

    pub mod box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_string(&self, s: Box<String>) -> usize {
                s.len()
            }
        }
    }

    pub mod box_vec_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_vec_ret(&self, n: u32) -> Box<Vec<u32>> {
                Box::new(vec![n])
            }
        }
    }

    pub mod box_ref {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_ref(&self, b: Box<&'static u32>) -> u32 {
                **b
            }
        }
    }

    pub mod arc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn arc_box(&self, b: std::sync::Arc<Box<u32>>) -> u32 {
                **b
            }
        }
    }

    pub mod rc_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
            pub fn rc_box(&self, b: std::rc::Rc<Box<u32>>) -> u32 {
                **b
            }
        }
    }

    pub mod box_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_box(&self, b: Box<Box<u32>>) -> u32 {
                **b
            }
        }
    }

    pub mod borrowed_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn borrowed_box(&self, b: &Box<u32>) -> u32 {
                **b
            }
        }
    }

    pub mod complex {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn complex(
                &self,
                n: u32,
            ) -> Vec<Vec<Box<(u32, u32, u32, u32, Vec<Option<(u32, u32)>>)>>> {
                vec![vec![Box::new((n, n, n, n, vec![]))]]
            }
        }
    }

    pub mod option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn option_option(&self, o: Option<Option<u32>>) -> u32 {
                o.flatten().unwrap_or(0)
            }
        }
    }

    pub mod linkedlist {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn linkedlist(&self, l: std::collections::LinkedList<u32>) -> u32 {
                l.iter().sum()
            }
        }
    }

    pub mod box_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_ret(&self, n: u32) -> Box<u32> {
                Box::new(n)
            }
        }
    }

    pub mod ref_u32 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ref_u32(&self, n: &u32) -> u32 {
                *n
            }
        }
    }

    pub mod big_array {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn big_array(&self, a: [u64; 64]) -> u64 {
                a.iter().sum()
            }
        }
    }

    pub mod ref_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ref_option(&self, o: &Option<String>) -> usize {
                o.as_ref().map_or(0, String::len)
            }
        }
    }

    pub mod arc_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn arc_string(&self, s: std::sync::Arc<String>) -> usize {
                s.len()
            }
        }
    }

    pub mod bools {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn bools(&self, a: bool, b: bool, c: bool, d: bool) -> u32 {
                u32::from(a) + u32::from(b) + u32::from(c) + u32::from(d)
            }
        }
    }

    pub mod owned_cow {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn owned_cow(&self, c: std::borrow::Cow<'static, String>) -> usize {
                c.len()
            }
        }
    }

    pub mod ref_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ref_string(&self, s: &String) -> usize {
                s.len()
            }
        }
    }

    pub mod ref_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ref_vec(&self, v: &Vec<u32>) -> usize {
                v.len()
            }
        }
    }

    pub mod unit_err {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn unit_err(&self, n: u32) -> Result<u32, ()> {
                if n > 0 { Ok(n) } else { Err(()) }
            }
        }
    }

    pub mod by_value {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn by_value(&self, s: String) -> usize {
                s.len()
            }
        }
    }

    pub mod many_args {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn many_args(&self, a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) -> u32 {
                u32::from(a + b + c + d + e + f + g + h)
            }
        }
    }

    pub mod box_slice_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_slice_vec(&self, v: Vec<Box<[u32]>>) -> usize {
                v.len()
            }
        }
    }

    pub mod vec_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn vec_box_dyn(&self, v: Vec<Box<str>>) -> usize {
                v.len()
            }
        }
    }

    pub mod box_dyn_arc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_dyn_arc(&self, b: std::sync::Arc<Box<str>>) -> usize {
                b.len()
            }
        }
    }

    pub mod nested_vec_box {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn nested_vec_box(&self, o: Option<Vec<Box<u32>>>) -> usize {
                o.map_or(0, |v| v.len())
            }
        }
    }

    pub mod tuple_box_string {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn tuple_box_string(&self, t: (Box<String>, u8)) -> usize {
                t.0.len()
            }
        }
    }

    pub mod borrowed_box_dyn {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize(ignore = [b]))]
            pub fn borrowed_box_dyn(&self, b: &Box<dyn Fn() -> u32>) -> u32 {
                b()
            }
        }
    }

    pub mod vec_box_huge {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn vec_box_huge(&self, v: Vec<Box<[u8; 8000]>>) -> usize {
                v.len()
            }
        }
    }

    pub mod ret_option_option {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ret_option_option(&self, n: u32) -> Option<Option<u32>> {
                Some(Some(n))
            }
        }
    }

    pub mod rc_rc {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
            pub fn rc_rc(&self, r: std::rc::Rc<std::rc::Rc<u32>>) -> u32 {
                **r
            }
        }
    }

    pub mod box_rc_str {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize(scope = thread))]
            pub fn box_rc_str(&self, r: Box<std::rc::Rc<str>>) -> usize {
                r.len()
            }
        }
    }

    pub mod cow_vec {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn cow_vec(&self, c: std::borrow::Cow<'static, Vec<u8>>) -> usize {
                c.len()
            }
        }
    }

    pub mod ref_i64_u128 {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn ref_i64_u128(&self, a: &i64, b: &u128) -> u128 {
                u128::try_from(*a).unwrap_or(0) + *b
            }
        }
    }

    pub mod box_fn_ret {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn box_fn_ret(&self, n: u32) -> std::sync::Arc<dyn Fn(u32) -> u32 + Send + Sync> {
                std::sync::Arc::new(move |x| x + n)
            }
        }
    }

    pub mod heaped {
        #![warn(clippy::all, clippy::pedantic, clippy::rc_buffer)]
        #![allow(clippy::must_use_candidate, clippy::missing_panics_doc)]

        impl super::S {
            #[cfg_attr(feature = "memoize", memo::memoize)]
            pub fn heaped(&self, n: u32) -> Box<u32> {
                Box::new(n)
            }
        }
    }
}
