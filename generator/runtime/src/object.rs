//! The serde impls of every generated struct, written by one macro from the
//! struct's fields: each member, its wire name and its kind.
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
//! One `match` over the wire names behind the one visitor, rather than the
//! derived field enum, two visitors and `visit_seq` (JSON objects never
//! come as arrays): about half the code for the compiler to check, for
//! every struct of a spec.

/// `Serialize` and `Deserialize` of the struct `$name`, from its fields:
/// `member: "wire name" kind`, the kind one of the modules of [`kinds`].
/// Each field expands to calls of its kind's functions, not to further
/// macro calls: expansion stays linear in the fields, and cheap.
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

/// The `Serialize` half of [`__object!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serialize {
    ($name:ident {}) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::serde::ser::SerializeStruct as _;
                serializer.serialize_struct(::core::stringify!($name), 0)?.end()
            }
        }
    };
    ($name:ident { $($member:ident: $wire:literal $kind:ident),+ $(,)? }) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::serde::ser::SerializeStruct as _;
                let mut len = 0;
                $(len += $crate::__private::kinds::$kind::count(&self.$member);)+
                let mut object = serializer.serialize_struct(::core::stringify!($name), len)?;
                $($crate::__private::kinds::$kind::write(&mut object, $wire, &self.$member)?;)+
                object.end()
            }
        }
    };
}

/// The `Deserialize` half of [`__object!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __object_deserialize {
    ($name:ident {}) => {
        impl<'de> $crate::__private::FromMap<'de> for $name {
            const EXPECTING: &'static str = ::core::concat!("struct ", ::core::stringify!($name));

            fn from_map<A: $crate::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::core::result::Result<Self, A::Error> {
                while map.next_key::<$crate::serde::de::IgnoredAny>()?.is_some() {
                    map.next_value::<$crate::serde::de::IgnoredAny>()?;
                }
                ::core::result::Result::Ok(Self {})
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map($crate::__private::MapVisitor::new())
            }
        }
    };
    ($name:ident { $($member:ident: $wire:literal $kind:ident),+ $(,)? }) => {
        impl<'de> $crate::__private::FromMap<'de> for $name {
            const EXPECTING: &'static str = ::core::concat!("struct ", ::core::stringify!($name));

            fn from_map<A: $crate::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::core::result::Result<Self, A::Error> {
                $(let mut $member = ::core::option::Option::None;)+
                while let ::core::option::Option::Some(key) =
                    map.next_key::<$crate::__private::Key<'de>>()?
                {
                    match &*key.0 {
                        $($wire => $crate::__private::kinds::$kind::read(&mut map, &mut $member, $wire)?,)+
                        _ => {
                            map.next_value::<$crate::serde::de::IgnoredAny>()?;
                        }
                    }
                }
                ::core::result::Result::Ok(Self {
                    $($member: $crate::__private::kinds::$kind::value($member, $wire)?,)+
                })
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map($crate::__private::MapVisitor::new())
            }
        }
    };
}

/// How each kind of field is counted, written and read. Every kind has the
/// same four functions, so the macro names them by the kind alone.
pub mod kinds {
    use serde::Serialize;
    use serde::de::Error;
    use serde::ser::SerializeStruct;

    pub use super::super::values::field as read;

    /// Written when present; absent and `null` both read as `None`.
    fn write_present<S: SerializeStruct, T: Serialize>(
        object: &mut S,
        wire: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => object.serialize_field(wire, value),
            None => object.skip_field(wire),
        }
    }

    /// Required, never `null`: `T`.
    pub mod required {
        use super::*;

        pub use super::read;

        /// Always written.
        pub fn count<T>(_: &T) -> usize {
            1
        }

        /// Writes the value.
        pub fn write<S: SerializeStruct, T: Serialize>(
            object: &mut S,
            wire: &'static str,
            value: &T,
        ) -> Result<(), S::Error> {
            object.serialize_field(wire, value)
        }

        /// The value read, or `missing field` naming it.
        pub fn value<T, E: Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
            slot.ok_or_else(|| E::missing_field(wire))
        }
    }

    /// May be absent, and `null` reads as absent: `Option<T>`, left out of
    /// what is written when `None`.
    pub mod optional {
        use super::*;

        pub use super::read;

        /// Written only when present.
        pub fn count<T>(value: &Option<T>) -> usize {
            usize::from(value.is_some())
        }

        /// Writes the value if there is one.
        pub fn write<S: SerializeStruct, T: Serialize>(
            object: &mut S,
            wire: &'static str,
            value: &Option<T>,
        ) -> Result<(), S::Error> {
            write_present(object, wire, value)
        }

        /// Absent or `null`: `None`.
        pub fn value<T, E: Error>(
            slot: Option<Option<T>>,
            _: &'static str,
        ) -> Result<Option<T>, E> {
            Ok(slot.flatten())
        }
    }

    /// Required and nullable: `Option<T>`, always written (`None` as
    /// `null`), read as `None` when absent too.
    pub mod nullable {
        use super::*;

        pub use super::read;

        /// Always written.
        pub fn count<T>(_: &Option<T>) -> usize {
            1
        }

        /// Writes the value, `null` for `None`.
        pub fn write<S: SerializeStruct, T: Serialize>(
            object: &mut S,
            wire: &'static str,
            value: &Option<T>,
        ) -> Result<(), S::Error> {
            object.serialize_field(wire, value)
        }

        /// Absent or `null`: `None`.
        pub fn value<T, E: Error>(
            slot: Option<Option<T>>,
            _: &'static str,
        ) -> Result<Option<T>, E> {
            Ok(slot.flatten())
        }
    }

    /// Optional and nullable in a type that is sent: `Option<Option<T>>`,
    /// absent is `None`, `null` is `Some(None)`, both ways.
    pub mod double {
        use super::*;

        pub use super::read;

        /// Written only when `Some`.
        pub fn count<T>(value: &Option<Option<T>>) -> usize {
            usize::from(value.is_some())
        }

        /// Writes `Some(None)` as `null`, leaves `None` out.
        pub fn write<S: SerializeStruct, T: Serialize>(
            object: &mut S,
            wire: &'static str,
            value: &Option<Option<T>>,
        ) -> Result<(), S::Error> {
            write_present(object, wire, value)
        }

        /// Present (even `null`) is `Some`.
        pub fn value<T, E: Error>(
            slot: Option<Option<T>>,
            _: &'static str,
        ) -> Result<Option<Option<T>>, E> {
            Ok(slot)
        }
    }

    /// A response field of a lenient client: `Option<T>`, read as
    /// [`optional`] reads it, and where its value is not a `T`, as what was
    /// meant where that is plain, else as absent; each such value is
    /// counted.
    pub mod lenient {
        use super::*;

        pub use super::optional::{count, value, write};

        /// Reads the value leniently into `slot`, which must be empty.
        pub fn read<'de, A: serde::de::MapAccess<'de>, T: serde::de::DeserializeOwned>(
            map: &mut A,
            slot: &mut Option<Option<T>>,
            wire: &'static str,
        ) -> Result<(), A::Error> {
            if slot.is_some() {
                return Err(A::Error::duplicate_field(wire));
            }
            let value: serde_json::Value = map.next_value()?;
            *slot = Some(super::super::super::values::relaxed(value));
            Ok(())
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
            id: "id" required,
            tag: "tag" optional,
            owner: "owner" nullable,
            note: "note" double,
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
            count: "count" lenient,
            flag: "flag" lenient,
            name: "name" lenient,
            tags: "tags" lenient,
            ratio: "ratio" lenient,
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
