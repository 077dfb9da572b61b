//! The serde impls of every generated struct, written by one macro from the
//! struct's fields: each member, its wire name and its kind.
//!
//! `Serialize` writes the fields in order, leaving out an absent optional
//! one. `Deserialize` reads a map whatever its order: unknown fields are
//! ignored, a field given twice is an error, a missing required field is
//! `missing field `x``, a missing optional field `None`. The kinds:
//!
//! - none: required, never `null` (`T`);
//! - `optional`: may be absent, and `null` reads as absent (`Option<T>`);
//! - `nullable`: required, may be `null`, always written (`Option<T>`),
//!   read as `None` when absent too;
//! - `double`: may be absent or `null` (`Option<Option<T>>`): absent is
//!   `None`, `null` is `Some(None)`.
//!
//! One `match` over the wire names behind the one visitor, rather than the
//! derived field enum, two visitors and `visit_seq` (JSON objects never
//! come as arrays): about half the code for the compiler to check, for
//! every struct of a spec.

/// `Serialize` and `Deserialize` of the struct `$name`, from its fields:
/// `member: "wire name" kind`, the kind left out for a required field.
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
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

        $crate::__object!(@deserialize $name);
    };
    ($name:ident { $($member:ident: $wire:literal $($kind:ident)?),+ $(,)? }) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::serde::ser::SerializeStruct as _;
                let mut len = 0;
                $(len += $crate::__object!(@count [$($kind)?] self.$member);)+
                let mut object = serializer.serialize_struct(::core::stringify!($name), len)?;
                $($crate::__object!(@write [$($kind)?] object $wire self.$member);)+
                object.end()
            }
        }

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
                        $($wire => $crate::__private::field(&mut map, &mut $member, $wire)?,)+
                        _ => {
                            map.next_value::<$crate::serde::de::IgnoredAny>()?;
                        }
                    }
                }
                ::core::result::Result::Ok(Self {
                    $($member: $crate::__object!(@value [$($kind)?] $member $wire),)+
                })
            }
        }

        $crate::__object!(@deserialize $name);
    };
    (@deserialize $name:ident) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map($crate::__private::MapVisitor::new())
            }
        }
    };
    (@count [] $field:expr) => { 1 };
    (@count [nullable] $field:expr) => { 1 };
    (@count [$kind:ident] $field:expr) => { usize::from($field.is_some()) };
    (@write [] $object:ident $wire:literal $field:expr) => {
        $object.serialize_field($wire, &$field)?
    };
    (@write [nullable] $object:ident $wire:literal $field:expr) => {
        $object.serialize_field($wire, &$field)?
    };
    (@write [$kind:ident] $object:ident $wire:literal $field:expr) => {
        match &$field {
            ::core::option::Option::Some(value) => $object.serialize_field($wire, value)?,
            ::core::option::Option::None => $object.skip_field($wire)?,
        }
    };
    (@value [] $slot:ident $wire:literal) => {
        $crate::__private::required($slot, $wire)?
    };
    (@value [double] $slot:ident $wire:literal) => { $slot };
    (@value [$kind:ident] $slot:ident $wire:literal) => {
        $crate::__private::flatten($slot)
    };
}
