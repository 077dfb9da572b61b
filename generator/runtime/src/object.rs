//! The serde impls of every generated struct, written by one macro from the
//! struct's fields: each member, its wire name, its kind and its type.
//!
//! `Serialize` writes the fields in order, leaving out an absent optional
//! one. `Deserialize` reads a map whatever its order: unknown fields are
//! ignored, a field given twice is an error, a missing required field is
//! `missing field `x``, a missing optional field `None`. The kinds:
//!
//! - `required`: never `null` (`T`);
//! - `optional`: may be absent, and `null` reads as absent (`Option<T>`);
//! - `nullable`: required, may be `null`, always written (`Option<T>`),
//!   read as `None` when absent too;
//! - `double`: may be absent or `null` (`Option<Option<T>>`): absent is
//!   `None`, `null` is `Some(None)`;
//! - `lenient`: a response field of a client generated with lenient
//!   responses (`Option<T>`): as `optional`, and a value of another type
//!   than the spec's is read as what was meant where that is plain (a
//!   number or boolean written as a string, one object where a list
//!   belongs, a number where a string belongs), else as absent; each such
//!   value is counted (`relaxed_values`), never silently.
//!
//! Why the impls are tables rather than code: what each struct adds is
//! data (its wire names, a tuple of slots, a tuple of members) and one
//! small non-generic function that assembles the struct from its slots,
//! with no `?` in it (every `?` makes the compiler look for a `From`
//! conversion among all the impls in scope). The loops over a map's keys
//! and over the fields written are generic functions of this module,
//! type-checked once here and instantiated only when a crate is built to
//! run. A written-out `visit_map` per struct, with a `?` at every field,
//! cost the compiler about three times as much for every struct of a
//! spec.

use serde::de::{DeserializeOwned, Error as _, MapAccess};
use serde::ser::{SerializeStruct, Serializer};

/// `Serialize` and `Deserialize` of the struct `$name`, from its fields:
/// `member: "wire name" kind Type`, the kind one of the modules of
/// [`kinds`] and the type the member's own.
///
/// A struct that travels one way says so after its name: `read_only` (from
/// responses) has its `Serialize`, `sent_only` (in requests) its
/// `Deserialize`, only with the including crate's `serde-both-ways`
/// feature. A one-way struct never needs the other impl, and each costs
/// compile time.
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    ($name:ident read_only $fields:tt) => {
        #[cfg(feature = "serde-both-ways")]
        $crate::__object_serialize! { $name $fields }
        $crate::__object_deserialize! { $name $fields }
    };
    ($name:ident sent_only $fields:tt) => {
        $crate::__object_serialize! { $name $fields }
        #[cfg(feature = "serde-both-ways")]
        $crate::__object_deserialize! { $name $fields }
    };
    ($name:ident $fields:tt) => {
        $crate::__object_serialize! { $name $fields }
        $crate::__object_deserialize! { $name $fields }
    };
}

/// The `Serialize` half of [`__object!`]: the members, each wrapped as its
/// kind writes it, handed to [`write_object`].
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serialize {
    ($name:ident { $($member:ident: $wire:literal $kind:ident $type:ty),* $(,)? }) => {
        #[allow(unused_parens)]
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::write_object(
                    serializer,
                    ::core::stringify!($name),
                    $crate::__object_tuple!($(($crate::__private::kinds::$kind::out($wire, &self.$member)))*),
                )
            }
        }
    };
}

/// The `Deserialize` half of [`__object!`]: the struct's [`Object`] table,
/// read by [`read_object`].
#[doc(hidden)]
#[macro_export]
macro_rules! __object_deserialize {
    ($name:ident { $($member:ident: $wire:literal $kind:ident $type:ty),* $(,)? }) => {
        #[allow(unused_parens)]
        impl $crate::__private::Object for $name {
            const EXPECTING: &'static str = ::core::concat!("struct ", ::core::stringify!($name));
            const FIELDS: &'static [&'static str] = &[$($wire),*];
            type Slots = $crate::__object_tuple!($(($crate::__private::kinds::$kind::Slot<$type>))*);

            fn finish(slots: Self::Slots) -> Self {
                let $crate::__object_tuple!($($member)*) = slots;
                Self {
                    $($member: $crate::__private::kinds::$kind::value($member),)*
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::read_object(deserializer)
            }
        }
    };
}

/// A tuple of the given types, patterns or expressions (each one token
/// tree), nested twelve at a time: the thirteenth element holds the rest,
/// so [`Slots`] and [`Members`] need impls for short tuples only, and a
/// struct of any width expands in a few steps.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_tuple {
    ($a:tt $b:tt $c:tt $d:tt $e:tt $f:tt $g:tt $h:tt $i:tt $j:tt $k:tt $l:tt $($rest:tt)+) => {
        ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l, $crate::__object_tuple!($($rest)+))
    };
    ($($one:tt)*) => {
        ($($one,)*)
    };
}

/// A generated struct as [`read_object`] reads it: the wire names of its
/// fields, in order, a tuple of slots where their values are read (one
/// per field, in the same order), and how the struct is made from them.
pub trait Object: Sized {
    /// What an error says was expected, e.g. `struct Pet`.
    const EXPECTING: &'static str;
    /// Each field's wire name, in the order of [`Object::Slots`].
    const FIELDS: &'static [&'static str];
    /// Where each field's value is kept while the map is read.
    type Slots: Slots;

    /// The struct, from slots where every required field has its value
    /// ([`read_object`] checks first).
    fn finish(slots: Self::Slots) -> Self;
}

/// The body of every generated struct's `Deserialize`: reads a map into
/// `T`'s slots and makes a `T` of them.
pub fn read_object<'de, T: Object, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor::<T>(std::marker::PhantomData))
}

struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Object> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = T::Slots::empty();
        while let Some(key) = map.next_key::<super::values::Key<'de>>()? {
            match T::FIELDS.iter().position(|wire| *wire == key.0) {
                Some(index) => slots.read(index, T::FIELDS[index], &mut map)?,
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        match slots.missing(0) {
            Some(index) => Err(A::Error::missing_field(T::FIELDS[index])),
            None => Ok(T::finish(slots)),
        }
    }
}

/// Where fields' values are kept while a map is read: one field's slot
/// (an `Option`, empty until read), or a tuple of such, by position.
pub trait Slots: Sized {
    /// How many fields: one for a slot, the sum for a tuple.
    const WIDTH: usize;

    /// Every slot empty.
    fn empty() -> Self;

    /// The index of the first required field whose slot is still empty,
    /// the first slot's being `first`.
    fn missing(&self, first: usize) -> Option<usize>;

    /// Reads the next value of `map` into the slot of field `index`, whose
    /// wire name is `wire`; a slot already full is a duplicate field.
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        wire: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

impl<T: DeserializeOwned> Slots for Option<T> {
    const WIDTH: usize = 1;

    fn empty() -> Self {
        None
    }

    fn missing(&self, _: usize) -> Option<usize> {
        None
    }

    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        _: usize,
        wire: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.is_some() {
            return Err(A::Error::duplicate_field(wire));
        }
        *self = Some(map.next_value()?);
        Ok(())
    }
}

/// The slot of a `required` field: a value must have been read.
pub struct Required<T>(Option<T>);

impl<T: DeserializeOwned> Slots for Required<T> {
    const WIDTH: usize = 1;

    fn empty() -> Self {
        Self(None)
    }

    fn missing(&self, first: usize) -> Option<usize> {
        self.0.is_none().then_some(first)
    }

    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        wire: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.0.read(index, wire, map)
    }
}

/// The slot of a `lenient` field (`F` is `Option<T>`): the value read as
/// what was meant, or absent, when it is not a `T`.
pub struct Lenient<F>(Option<F>);

impl<T: DeserializeOwned> Slots for Lenient<Option<T>> {
    const WIDTH: usize = 1;

    fn empty() -> Self {
        Self(None)
    }

    fn missing(&self, _: usize) -> Option<usize> {
        None
    }

    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        _: usize,
        wire: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.0.is_some() {
            return Err(A::Error::duplicate_field(wire));
        }
        let value: serde_json::Value = map.next_value()?;
        self.0 = Some(super::values::relaxed(value));
        Ok(())
    }
}

/// A struct's members as its `Serialize` writes them: one member wrapped
/// as its kind writes it, or a tuple of such, in order.
pub trait Members {
    /// How many fields are written (`serialize_struct`'s length).
    fn count(&self) -> usize;

    /// Writes the fields.
    fn write<S: SerializeStruct>(&self, object: &mut S) -> Result<(), S::Error>;
}

/// A member always written, `null` for a nullable `None`.
pub struct Always<'a, T> {
    wire: &'static str,
    value: &'a T,
}

impl<T: serde::Serialize> Members for Always<'_, T> {
    fn count(&self) -> usize {
        1
    }

    fn write<S: SerializeStruct>(&self, object: &mut S) -> Result<(), S::Error> {
        object.serialize_field(self.wire, self.value)
    }
}

/// A member written only when present (`Some`), left out when `None`.
pub struct Present<'a, T> {
    wire: &'static str,
    value: &'a Option<T>,
}

impl<T: serde::Serialize> Members for Present<'_, T> {
    fn count(&self) -> usize {
        usize::from(self.value.is_some())
    }

    fn write<S: SerializeStruct>(&self, object: &mut S) -> Result<(), S::Error> {
        match self.value {
            Some(value) => object.serialize_field(self.wire, value),
            None => object.skip_field(self.wire),
        }
    }
}

/// The body of every generated struct's `Serialize`: a struct `name` of
/// `members`.
pub fn write_object<S: Serializer, M: Members>(
    serializer: S,
    name: &'static str,
    members: M,
) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_struct(name, members.count())?;
    members.write(&mut object)?;
    object.end()
}

/// [`Slots`] and [`Members`] of tuples, up to the thirteen elements
/// [`__object_tuple!`] makes.
macro_rules! tuples {
    ($($element:ident $index:tt),*) => {
        impl<$($element: Slots),*> Slots for ($($element,)*) {
            const WIDTH: usize = 0 $(+ $element::WIDTH)*;

            #[allow(clippy::unused_unit)]
            fn empty() -> Self {
                ($($element::empty(),)*)
            }

            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn missing(&self, mut first: usize) -> Option<usize> {
                $(
                    if let Some(index) = self.$index.missing(first) {
                        return Some(index);
                    }
                    first += $element::WIDTH;
                )*
                None
            }

            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn read<'de, A: MapAccess<'de>>(
                &mut self,
                mut index: usize,
                wire: &'static str,
                map: &mut A,
            ) -> Result<(), A::Error> {
                $(
                    if index < $element::WIDTH {
                        return self.$index.read(index, wire, map);
                    }
                    index -= $element::WIDTH;
                )*
                unreachable!("a field index past the struct's slots")
            }
        }

        impl<$($element: Members),*> Members for ($($element,)*) {
            fn count(&self) -> usize {
                0 $(+ self.$index.count())*
            }

            #[allow(unused_variables)]
            fn write<S: SerializeStruct>(&self, object: &mut S) -> Result<(), S::Error> {
                $(self.$index.write(object)?;)*
                Ok(())
            }
        }
    };
}

tuples!();
tuples!(T0 0);
tuples!(T0 0, T1 1);
tuples!(T0 0, T1 1, T2 2);
tuples!(T0 0, T1 1, T2 2, T3 3);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12);

/// What each kind of field keeps while read (`Slot<F>`, `F` the member's
/// type), how it is made from that (`value`) and how it is written
/// (`out`). Every kind has the three, so the macro names them by the kind
/// alone.
pub mod kinds {
    use super::{Always, Lenient, Present, Required};

    /// Required, never `null`: `T`.
    pub mod required {
        use super::*;

        /// Empty until read; [`read_object`](super::super::read_object)
        /// checks that it was.
        pub type Slot<F> = Required<F>;

        /// The value read.
        pub fn value<T>(slot: Required<T>) -> T {
            match slot.0 {
                Some(value) => value,
                None => unreachable!("`read_object` checks required fields before `finish`"),
            }
        }

        /// Always written.
        pub fn out<'a, T>(wire: &'static str, value: &'a T) -> Always<'a, T> {
            Always { wire, value }
        }
    }

    /// May be absent, and `null` reads as absent: `Option<T>`, left out of
    /// what is written when `None`.
    pub mod optional {
        use super::*;

        /// Empty until read; `null` reads as `Some(None)`.
        pub type Slot<F> = Option<F>;

        /// Absent or `null`: `None`.
        pub fn value<T>(slot: Option<Option<T>>) -> Option<T> {
            slot.flatten()
        }

        /// Written only when present.
        pub fn out<'a, T>(wire: &'static str, value: &'a Option<T>) -> Present<'a, T> {
            Present { wire, value }
        }
    }

    /// Required and nullable: `Option<T>`, always written (`None` as
    /// `null`), read as `None` when absent too.
    pub mod nullable {
        use super::*;

        pub use super::optional::{Slot, value};

        /// Always written, `null` for `None`.
        pub fn out<'a, T>(wire: &'static str, value: &'a Option<T>) -> Always<'a, Option<T>> {
            Always { wire, value }
        }
    }

    /// Optional and nullable in a type that is sent: `Option<Option<T>>`,
    /// absent is `None`, `null` is `Some(None)`, both ways.
    pub mod double {
        use super::*;

        /// The member itself: `None` until read, `Some(None)` for `null`.
        pub type Slot<F> = F;

        /// Present (even `null`) is `Some`.
        pub fn value<T>(slot: Option<Option<T>>) -> Option<Option<T>> {
            slot
        }

        /// Written only when `Some`, `Some(None)` as `null`.
        pub fn out<'a, T>(
            wire: &'static str,
            value: &'a Option<Option<T>>,
        ) -> Present<'a, Option<T>> {
            Present { wire, value }
        }
    }

    /// A response field of a lenient client: `Option<T>`, read as
    /// [`optional`] reads it, and where its value is not a `T`, as what was
    /// meant where that is plain, else as absent; each such value is
    /// counted.
    pub mod lenient {
        use super::*;

        pub use super::optional::out;

        /// Empty until read; then what was meant, or `None`.
        pub type Slot<F> = Lenient<F>;

        /// Absent, `null`, or nothing meant plainly: `None`.
        pub fn value<T>(slot: Lenient<Option<T>>) -> Option<T> {
            slot.0.flatten()
        }
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    struct Pet {
        id: i64,
        tag: Option<String>,
        owner: Option<String>,
        note: Option<Option<String>>,
    }
    crate::__object! {
        Pet {
            id: "id" required i64,
            tag: "tag" optional Option<String>,
            owner: "owner" nullable Option<String>,
            note: "note" double Option<Option<String>>,
        }
    }

    #[derive(Debug, PartialEq)]
    struct Empty {}
    crate::__object! { Empty {} }

    fn read(json: &str) -> Result<Pet, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn each_kind_reads_and_writes_as_its_docs_say() {
        let pet = read(r#"{"id": 1, "extra": [1, 2], "owner": null, "note": null}"#).unwrap();
        assert_eq!(
            pet,
            Pet {
                id: 1,
                tag: None,
                owner: None,
                note: Some(None)
            }
        );
        // Optional `None` left out, nullable `None` as `null`, double
        // `Some(None)` as `null`.
        assert_eq!(
            serde_json::to_string(&pet).unwrap(),
            r#"{"id":1,"owner":null,"note":null}"#
        );
        let absent = read(r#"{"id": 2, "tag": null}"#).unwrap();
        assert_eq!((absent.tag, absent.owner, absent.note), (None, None, None));
        let full = Pet {
            id: 3,
            tag: Some("a".into()),
            owner: Some("b".into()),
            note: Some(Some("c".into())),
        };
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(json, r#"{"id":3,"tag":"a","owner":"b","note":"c"}"#);
        assert_eq!(read(&json).unwrap(), full);
    }

    /// Thirty fields: more than one tuple of slots holds, so they nest.
    #[derive(Debug, Default, PartialEq)]
    struct Wide {
        f0: Option<u32>,
        f1: Option<u32>,
        f2: Option<u32>,
        f3: Option<u32>,
        f4: Option<u32>,
        f5: Option<u32>,
        f6: Option<u32>,
        f7: Option<u32>,
        f8: Option<u32>,
        f9: Option<u32>,
        f10: Option<u32>,
        f11: Option<u32>,
        f12: Option<u32>,
        f13: Option<u32>,
        f14: Option<u32>,
        f15: Option<u32>,
        f16: Option<u32>,
        f17: Option<u32>,
        f18: Option<u32>,
        f19: Option<u32>,
        f20: Option<u32>,
        f21: Option<u32>,
        f22: Option<u32>,
        f23: Option<u32>,
        f24: Option<u32>,
        f25: Option<u32>,
        f26: Option<u32>,
        f27: Option<u32>,
        f28: Option<u32>,
        f29: Option<u32>,
    }
    crate::__object! {
        Wide {
            f0: "f0" optional Option<u32>,
            f1: "f1" optional Option<u32>,
            f2: "f2" optional Option<u32>,
            f3: "f3" optional Option<u32>,
            f4: "f4" optional Option<u32>,
            f5: "f5" optional Option<u32>,
            f6: "f6" optional Option<u32>,
            f7: "f7" optional Option<u32>,
            f8: "f8" optional Option<u32>,
            f9: "f9" optional Option<u32>,
            f10: "f10" optional Option<u32>,
            f11: "f11" optional Option<u32>,
            f12: "f12" optional Option<u32>,
            f13: "f13" optional Option<u32>,
            f14: "f14" optional Option<u32>,
            f15: "f15" optional Option<u32>,
            f16: "f16" optional Option<u32>,
            f17: "f17" optional Option<u32>,
            f18: "f18" optional Option<u32>,
            f19: "f19" optional Option<u32>,
            f20: "f20" optional Option<u32>,
            f21: "f21" optional Option<u32>,
            f22: "f22" optional Option<u32>,
            f23: "f23" optional Option<u32>,
            f24: "f24" optional Option<u32>,
            f25: "f25" optional Option<u32>,
            f26: "f26" optional Option<u32>,
            f27: "f27" optional Option<u32>,
            f28: "f28" optional Option<u32>,
            f29: "f29" required Option<u32>,
        }
    }

    #[test]
    fn a_struct_wider_than_a_tuple_reads_and_writes_every_field() {
        let json = r#"{"f29": 29, "f0": 0, "f12": 12, "f13": 13, "f25": 25}"#;
        let wide: Wide = serde_json::from_str(json).unwrap();
        let expected = Wide {
            f0: Some(0),
            f12: Some(12),
            f13: Some(13),
            f25: Some(25),
            f29: Some(29),
            ..Wide::default()
        };
        assert_eq!(wide, expected);
        assert_eq!(
            serde_json::to_string(&wide).unwrap(),
            r#"{"f0":0,"f12":12,"f13":13,"f25":25,"f29":29}"#
        );
        assert_eq!(
            serde_json::from_str::<Wide>(r#"{"f24": 1, "f24": 2, "f29": 3}"#)
                .unwrap_err()
                .to_string(),
            "duplicate field `f24` at line 1 column 16"
        );
        assert_eq!(
            serde_json::from_str::<Wide>(r#"{"f28": 1}"#)
                .unwrap_err()
                .to_string(),
            "missing field `f29` at line 1 column 10"
        );
    }

    #[derive(Debug, PartialEq)]
    struct Drifting {
        count: Option<i64>,
        flag: Option<bool>,
        name: Option<String>,
        tags: Option<Vec<String>>,
        ratio: Option<f64>,
    }
    crate::__object! {
        Drifting {
            count: "count" lenient Option<i64>,
            flag: "flag" lenient Option<bool>,
            name: "name" lenient Option<String>,
            tags: "tags" lenient Option<Vec<String>>,
            ratio: "ratio" lenient Option<f64>,
        }
    }

    #[test]
    fn a_lenient_field_reads_what_was_meant_and_counts_it() {
        let before = super::super::relaxed_values();
        let read = |json: &str| serde_json::from_str::<Drifting>(json).unwrap();
        assert_eq!(
            read(r#"{"count": "12", "flag": "true", "name": 7, "tags": "a", "ratio": "0.5"}"#),
            Drifting {
                count: Some(12),
                flag: Some(true),
                name: Some("7".to_owned()),
                tags: Some(vec!["a".to_owned()]),
                ratio: Some(0.5),
            }
        );
        // What no reading makes sense of is absent; `null` is as usual.
        assert_eq!(
            read(r#"{"count": "twelve", "flag": null, "tags": [1, {}]}"#),
            Drifting {
                count: None,
                flag: None,
                name: None,
                tags: None,
                ratio: None,
            }
        );
        // Counted: five values read as meant, two left out. (Other tests
        // may count too, so at least.)
        assert!(super::super::relaxed_values() - before >= 7);
        assert_eq!(read(r#"{"count": 3}"#).count, Some(3));
    }

    #[test]
    fn errors_are_the_derived_ones() {
        assert_eq!(
            read(r#"{"tag": "a"}"#).unwrap_err(),
            "missing field `id` at line 1 column 12"
        );
        assert_eq!(
            read(r#"{"id": 1, "id": 2}"#).unwrap_err(),
            "duplicate field `id` at line 1 column 14"
        );
        assert_eq!(
            read("[1]").unwrap_err(),
            "invalid type: sequence, expected struct Pet at line 1 column 0"
        );
        assert_eq!(
            serde_json::from_str::<Empty>(r#"{"a": 1}"#).unwrap(),
            Empty {}
        );
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    }
}
