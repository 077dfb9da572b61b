//! Named types: matched by spec location, then by name, then by shape (a
//! component renamed with its schema unchanged is a rename, not a removal
//! and an addition). Then their fields (by wire name), enum values and
//! variants, each judged by where the type travels: a change that breaks a
//! request may be harmless in a response, and the other way round.

use serde_json::Value;

use super::constraints::{self, ConstraintChange};
use super::diff::Diff;
use super::kind::ChangeKind;
use super::{RustImpact, WireImpact};
use crate::emit::surface;
use crate::model::Direction;
use crate::model::{
    EnumVariant, Field, OneOfVariant, TypeDef, TypeGraph, TypeId, TypeKind, TypeRef,
};
use crate::pointer::escape;

use RustImpact::{Major, Minor, Patch};
use WireImpact::DocsOnly;

pub(super) fn match_types(diff: &mut Diff<'_>) {
    let (old, new) = (&diff.old.types, &diff.new.types);
    let mut taken = std::collections::HashSet::new();
    let olds: Vec<TypeId> = old.iter().map(|(id, _)| id).collect();
    for &id in &olds {
        // Where a merged type now stands as a site's alias, the type it
        // names is what the old one became.
        let followed = |n: TypeId| match old.get(id).map(|def| def.merged_into(old)) {
            Some(None) => new.get(n)?.merged_into(new).or(Some(n)),
            _ => Some(n),
        };
        let found = new
            .by_location(old.location(id))
            .and_then(followed)
            .filter(|n| new.get(*n).is_some() && !taken.contains(n));
        if let Some(n) = found {
            diff.types.insert(id, n);
            taken.insert(n);
        }
    }
    for &id in &olds {
        if diff.types.contains_key(&id) {
            continue;
        }
        let found = new
            .iter()
            .find(|(n, def)| !taken.contains(n) && def.name == old.name(id))
            .map(|(n, _)| n);
        if let Some(n) = found {
            diff.types.insert(id, n);
            taken.insert(n);
        }
    }
    // What is left may be renamed: the same shape under another name.
    for &id in &olds {
        let Some(def) = old.get(id).filter(|_| !diff.types.contains_key(&id)) else {
            continue;
        };
        let found = new
            .iter()
            .find(|(n, other)| !taken.contains(n) && same_shape(diff, &def.kind, &other.kind))
            .map(|(n, _)| n);
        if let Some(n) = found {
            diff.types.insert(id, n);
            taken.insert(n);
        }
    }
}

/// An old and a new type's kinds side by side, when they are one kind.
enum KindPair<'a> {
    Structs(&'a [Field], &'a [Field]),
    StringEnums(&'a [EnumVariant], &'a [EnumVariant]),
    IntegerEnums(&'a [(String, i64)], &'a [(String, i64)]),
    /// The alternatives, then the discriminators.
    OneOfs(
        (&'a [OneOfVariant], &'a [OneOfVariant]),
        (&'a Option<String>, &'a Option<String>),
    ),
    Aliases(&'a TypeRef, &'a TypeRef),
    Different,
}

fn pair<'a>(old: &'a TypeKind, new: &'a TypeKind) -> KindPair<'a> {
    match (old, new) {
        (TypeKind::Struct { fields: a }, TypeKind::Struct { fields: b }) => KindPair::Structs(a, b),
        (TypeKind::StringEnum { variants: a }, TypeKind::StringEnum { variants: b }) => {
            KindPair::StringEnums(a, b)
        }
        (TypeKind::IntegerEnum { variants: a }, TypeKind::IntegerEnum { variants: b }) => {
            KindPair::IntegerEnums(a, b)
        }
        (
            TypeKind::OneOf {
                variants: a,
                discriminator: x,
            },
            TypeKind::OneOf {
                variants: b,
                discriminator: y,
            },
        ) => KindPair::OneOfs((a, b), (x, y)),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => KindPair::Aliases(a, b),
        _ => KindPair::Different,
    }
}

/// Whether two kinds are the same but for docs and names of other types.
fn same_shape(diff: &Diff<'_>, old: &TypeKind, new: &TypeKind) -> bool {
    match pair(old, new) {
        KindPair::Structs(a, b) => {
            a.len() == b.len()
                && a.iter().zip(b).all(|(x, y)| {
                    x.wire_name == y.wire_name
                        && x.optional == y.optional
                        && x.nullable == y.nullable
                        && diff.same_type(&x.ty, &y.ty)
                })
        }
        KindPair::StringEnums(a, b) => a == b,
        KindPair::IntegerEnums(a, b) => a == b,
        KindPair::OneOfs((a, b), (x, y)) => {
            x == y
                && a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(v, w)| v.name == w.name && diff.same_type(&v.ty, &w.ty))
        }
        KindPair::Aliases(a, b) => diff.same_type(a, b),
        KindPair::Different => false,
    }
}

pub(super) fn compare_types(diff: &mut Diff<'_>) {
    let (old, new) = (diff.old, diff.new);
    for (id, def) in old.types.iter() {
        let at = old.types.location(id);
        match diff.types.get(&id).copied() {
            Some(n) => {
                if let Some(now) = new.types.get(n) {
                    compare_type(diff, (id, def), (n, now));
                }
            }
            None => diff.push(
                ChangeKind::TypeRemoved,
                (Major, WireImpact::None),
                format!("type `{}` removed", def.name),
                format!("schema {} removed", schema_words(at)),
                (Some(at), Some(parent(at))),
            ),
        }
    }
    let matched: std::collections::HashSet<TypeId> = diff.types.values().copied().collect();
    for (n, def) in new.types.iter() {
        // A merged type's old name, kept as an alias, is reported with
        // the rename.
        let kept_name = def.merged_into(&new.types).is_some()
            && old
                .types
                .iter()
                .any(|(_, old_def)| old_def.name == def.name);
        if !matched.contains(&n) && !kept_name {
            let at = new.types.location(n);
            diff.push(
                ChangeKind::TypeAdded,
                (Minor, WireImpact::None),
                format!("type `{}` added", def.name),
                format!("schema {} added", schema_words(at)),
                (Some(parent(at)), Some(at)),
            );
        }
    }
}

/// `` `Pet` `` for a component, the pointer for an inline schema.
fn schema_words(at: &str) -> String {
    match at.strip_prefix("/components/schemas/") {
        Some(name) if !name.contains('/') => {
            format!("`{}`", crate::pointer::unescape(name))
        }
        _ => format!("at `{at}`"),
    }
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct { .. } => "a struct",
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => "an enum of values",
        TypeKind::OneOf { .. } => "an enum of alternatives",
        TypeKind::Alias(_) => "a type alias",
    }
}

fn compare_type(
    diff: &mut Diff<'_>,
    (old_id, old_def): (TypeId, &TypeDef),
    (new_id, new_def): (TypeId, &TypeDef),
) {
    let old_at = diff.old.types.location(old_id).to_owned();
    let new_at = diff.new.types.location(new_id).to_owned();
    let at = (Some(old_at.as_str()), Some(new_at.as_str()));
    let direction = diff.direction(old_id, new_id);
    let spec = schema_words(&new_at);
    if old_def.name != new_def.name {
        let why = if old_at == new_at {
            format!("schema {spec}: its Rust name changed")
        } else {
            format!("schema {} renamed to {spec}", schema_words(&old_at))
        };
        // A merged type renamed while its old name stays (an alias a site
        // keeps) breaks no code that names it.
        let old_name_stays = diff
            .new
            .types
            .iter()
            .any(|(_, def)| def.name == old_def.name);
        let (rust, summary) = match old_name_stays {
            true => (
                Minor,
                format!(
                    "type `{}` renamed to `{}`; `{}` stays, as an alias",
                    old_def.name, new_def.name, old_def.name
                ),
            ),
            false => (
                Major,
                format!("type `{}` renamed to `{}`", old_def.name, new_def.name),
            ),
        };
        diff.push(
            ChangeKind::TypeRenamed,
            (rust, WireImpact::None),
            summary,
            why,
            at,
        );
    }
    let name = &new_def.name;
    compare_kinds(diff, (old_def, new_def), direction, (&old_at, &new_at));
    compare_serde_impls(diff, (old_def, new_def), new_id, &spec, at);
    diff.deprecation(
        (old_def.deprecated, new_def.deprecated),
        (ChangeKind::TypeDeprecated, ChangeKind::TypeUndeprecated),
        (&format!("type `{name}`"), &format!("schema {spec}")),
        at,
    );
    if old_def.docs != new_def.docs {
        diff.docs(
            ChangeKind::TypeDocsChanged,
            format!("type `{name}`"),
            format!("description of schema {spec} edited"),
            (&old_at, &new_at),
        );
    }
}

/// The serde impls a one-way type gains or loses when the operations start
/// or stop sending or reading it (see `Travels`): without the crate's
/// `serde-both-ways` feature, a type only read has no `Serialize`, one only
/// sent no `Deserialize`. An alias has no impls of its own, and a type
/// whose kind changed is reported as that.
fn compare_serde_impls(
    diff: &mut Diff<'_>,
    (old_def, new_def): (&TypeDef, &TypeDef),
    new_id: TypeId,
    spec: &str,
    at: (Option<&str>, Option<&str>),
) {
    if matches!(new_def.kind, TypeKind::Alias(_))
        || kind_word(&old_def.kind) != kind_word(&new_def.kind)
    {
        return;
    }
    let (before, after) = (
        diff.old.serde_travels(old_def),
        diff.new.serde_travels(new_def),
    );
    let name = &new_def.name;
    let now = diff
        .new_directions
        .get(&new_id)
        .copied()
        .unwrap_or_default();
    let unused = !now.request && !now.response;
    for (serialize, serde_trait, gained_why, lost_why) in [
        (
            true,
            "Serialize",
            "sent in requests",
            "only read from responses",
        ),
        (
            false,
            "Deserialize",
            "read from responses",
            "only sent in requests",
        ),
    ] {
        let gained_why = if unused {
            "used by no operation"
        } else {
            gained_why
        };
        let (kind, rust, summary, why) = match (before.gates(serialize), after.gates(serialize)) {
            (false, true) => (
                ChangeKind::SerdeImplDropped,
                Major,
                format!(
                    "type `{name}` implements `{serde_trait}` only with the crate's `serde-both-ways` feature"
                ),
                lost_why,
            ),
            (true, false) => (
                ChangeKind::SerdeImplAdded,
                Minor,
                format!(
                    "type `{name}` implements `{serde_trait}` without the crate's `serde-both-ways` feature"
                ),
                gained_why,
            ),
            _ => continue,
        };
        diff.push(
            kind,
            (rust, WireImpact::None),
            summary,
            format!("schema {spec} is now {why}"),
            at,
        );
    }
}

/// What changed in a type's kind: its fields, values, alternatives or
/// aliased type, or the kind itself.
fn compare_kinds(
    diff: &mut Diff<'_>,
    (old_def, new_def): (&TypeDef, &TypeDef),
    direction: Direction,
    (old_at, new_at): (&str, &str),
) {
    let name = &new_def.name;
    let spec = schema_words(new_at);
    let at = (Some(old_at), Some(new_at));
    match pair(&old_def.kind, &new_def.kind) {
        KindPair::Structs(a, b) => {
            // A response-only struct's constructor is the fake's, for
            // tests: a new required field changes it, but no caller's code.
            let built = new_def.constructor.as_ref().map(|c| c.fakes_only);
            compare_fields(diff, (name, built), a, b, direction, (old_at, new_at));
        }
        KindPair::StringEnums(a, b) => {
            let a: Vec<(&str, String)> =
                a.iter().map(|v| (&*v.name, v.wire_value.clone())).collect();
            let b: Vec<(&str, String)> =
                b.iter().map(|v| (&*v.name, v.wire_value.clone())).collect();
            compare_values(diff, name, &a, &b, direction, (old_at, new_at));
        }
        KindPair::IntegerEnums(a, b) => {
            let a: Vec<(&str, String)> = a.iter().map(|(v, x)| (&**v, x.to_string())).collect();
            let b: Vec<(&str, String)> = b.iter().map(|(v, x)| (&**v, x.to_string())).collect();
            compare_values(diff, name, &a, &b, direction, (old_at, new_at));
        }
        KindPair::OneOfs((a, b), (x, y)) => {
            let carried = compare_alternatives(diff, (name, (x, y)), a, b, direction, &spec, at);
            match (x, y) {
                _ if x == y => {}
                (None, Some(property)) | (Some(property), None) if carried => diff.push(
                    ChangeKind::DiscriminatorChanged,
                    (Patch, direction.verdict(false, false)),
                    format!(
                        "`{name}` {} its variant by property `{property}`, which every \
                         alternative carries with its tag values",
                        if x.is_none() {
                            "now picks"
                        } else {
                            "no longer picks"
                        }
                    ),
                    format!("discriminator of schema {spec} changed"),
                    at,
                ),
                _ => diff.push(
                    ChangeKind::DiscriminatorChanged,
                    (Patch, direction.verdict(true, true)),
                    format!("`{name}` picks its variant by another property"),
                    format!("discriminator of schema {spec} changed"),
                    at,
                ),
            }
        }
        KindPair::Aliases(a, b) => {
            if !diff.same_type(a, b) {
                diff.push(
                    ChangeKind::AliasRetyped,
                    (Major, direction.verdict(true, true)),
                    format!(
                        "`{name}` is now `{}` (was `{}`)",
                        diff.new_text(b),
                        diff.old_text(a)
                    ),
                    format!("schema {spec} now has another type"),
                    at,
                );
            }
        }
        KindPair::Different => diff.push(
            ChangeKind::TypeKindChanged,
            (Major, direction.verdict(true, true)),
            format!(
                "`{name}` is now {} (was {})",
                kind_word(&new_def.kind),
                kind_word(&old_def.kind)
            ),
            format!("schema {spec} changed its shape"),
            at,
        ),
    }
}

/// Where a property is declared: under `properties`, or in an `allOf` part
/// written inline; the schema itself otherwise.
fn property_pointer(raw: &Value, type_at: &str, wire: &str) -> String {
    let direct = format!("{type_at}/properties/{}", escape(wire));
    if raw.pointer(&direct).is_some() {
        return direct;
    }
    if let Some(Value::Array(parts)) = raw.pointer(&format!("{type_at}/allOf")) {
        for i in 0..parts.len() {
            let inner = format!("{type_at}/allOf/{i}/properties/{}", escape(wire));
            if raw.pointer(&inner).is_some() {
                return inner;
            }
        }
    }
    type_at.to_owned()
}

/// Where an enum value is listed, or the schema if it is not found.
fn value_pointer(raw: &Value, type_at: &str, wire: &str) -> String {
    let list = format!("{type_at}/enum");
    let Some(Value::Array(values)) = raw.pointer(&list) else {
        return type_at.to_owned();
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match values.iter().position(|v| text(v) == wire) {
        Some(i) => format!("{list}/{i}"),
        None => list,
    }
}

/// `oneOf` alternatives, paired by variant name, then by type (a variant
/// renamed because its schema was). `discriminators` are the old and the
/// new one; where one was added or removed, whether every pair of
/// alternatives carries its tag either way ([`tag_carried`]).
fn compare_alternatives(
    diff: &mut Diff<'_>,
    (name, discriminators): (&str, (&Option<String>, &Option<String>)),
    old: &[OneOfVariant],
    new: &[OneOfVariant],
    direction: Direction,
    spec: &str,
    at: (Option<&str>, Option<&str>),
) -> bool {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut taken = vec![false; new.len()];
    let mut all_carried = true;
    for (i, v) in old.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| !taken[j] && new[j].name == v.name) {
            pairs.push((i, j));
            taken[j] = true;
        }
    }
    for (i, v) in old.iter().enumerate() {
        if pairs.iter().any(|&(p, _)| p == i) {
            continue;
        }
        if let Some(j) = (0..new.len()).find(|&j| !taken[j] && diff.same_type(&v.ty, &new[j].ty)) {
            pairs.push((i, j));
            taken[j] = true;
        }
    }
    for (i, v) in old.iter().enumerate() {
        let Some(&(_, j)) = pairs.iter().find(|&&(p, _)| p == i) else {
            diff.push(
                ChangeKind::VariantRemoved,
                (Major, direction.verdict(true, false)),
                format!("variant `{name}::{}` removed", v.name),
                format!("an alternative of schema {spec} removed"),
                at,
            );
            continue;
        };
        let w = &new[j];
        if v.name != w.name {
            diff.push(
                ChangeKind::VariantRenamed,
                (Major, WireImpact::None),
                format!(
                    "variant `{name}::{}` renamed to `{name}::{}`",
                    v.name, w.name
                ),
                format!("an alternative of schema {spec} has another name"),
                at,
            );
        }
        if !diff.same_type(&v.ty, &w.ty) || v.boxed != w.boxed {
            diff.push(
                ChangeKind::VariantRetyped,
                (Major, direction.verdict(true, true)),
                format!(
                    "variant `{name}::{}` now holds `{}` (was `{}`)",
                    w.name,
                    diff.new_text(&w.ty),
                    diff.old_text(&v.ty)
                ),
                format!("an alternative of schema {spec} changed"),
                at,
            );
        }
        let carried = tag_carried(diff, discriminators, v, w);
        all_carried &= carried;
        if v.tags != w.tags && !carried {
            diff.push(
                ChangeKind::DiscriminatorChanged,
                (Patch, direction.verdict(true, true)),
                format!("`{name}::{}` is picked by other tag values", w.name),
                format!("discriminator values of an alternative of schema {spec} changed"),
                at,
            );
        }
    }
    for (j, w) in new.iter().enumerate() {
        if !taken[j] {
            // `#[non_exhaustive]`, with an `Unknown` fallback for old
            // clients.
            diff.push(
                ChangeKind::VariantAdded,
                (Minor, direction.verdict(false, false)),
                format!("variant `{name}::{}` added", w.name),
                format!("an alternative added to schema {spec}"),
                at,
            );
        }
    }
    all_carried
}

/// Whether alternatives `old` and `new`, one picked by a discriminator and
/// the other by its shape (a discriminator added or removed), read and
/// write the same JSON: the untagged one is a struct that always has the
/// discriminator's property, whose values are exactly the other one's
/// tags, so old clients send what the new spec picks it by and read what
/// it sends.
fn tag_carried(
    diff: &Diff<'_>,
    discriminators: (&Option<String>, &Option<String>),
    old: &OneOfVariant,
    new: &OneOfVariant,
) -> bool {
    match discriminators {
        (None, Some(property)) => carries(&old.ty, &diff.old.types, property, &new.tags),
        (Some(property), None) => carries(&new.ty, &diff.new.types, property, &old.tags),
        _ => false,
    }
}

/// Whether `ty` is a struct whose property `property` is required, not
/// nullable, and a string enum of exactly the values `tags`.
fn carries(ty: &TypeRef, types: &TypeGraph, property: &str, tags: &[String]) -> bool {
    let kind = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => types.get(*id).map(|def| &def.kind),
        _ => None,
    };
    let Some(TypeKind::Struct { fields }) = kind(ty) else {
        return false;
    };
    let Some(field) = fields.iter().find(|f| f.wire_name == property) else {
        return false;
    };
    let Some(TypeKind::StringEnum { variants }) = kind(&field.ty).filter(|_| !field.is_option())
    else {
        return false;
    };
    let values: std::collections::BTreeSet<&str> =
        variants.iter().map(|v| v.wire_value.as_str()).collect();
    !tags.is_empty() && values == tags.iter().map(String::as_str).collect()
}

fn compare_values(
    diff: &mut Diff<'_>,
    name: &str,
    old: &[(&str, String)],
    new: &[(&str, String)],
    direction: Direction,
    (old_at, new_at): (&str, &str),
) {
    for (variant, wire) in old {
        if let Some((renamed, _)) = new.iter().find(|(v, w)| w == wire && v != variant) {
            diff.push(
                ChangeKind::EnumValueRenamed,
                (Major, WireImpact::None),
                format!("variant `{name}::{variant}` renamed to `{name}::{renamed}`"),
                format!(
                    "value `{wire}` of schema {}: its Rust name changed",
                    schema_words(new_at)
                ),
                (Some(old_at), Some(new_at)),
            );
        }
        if let Some(now) = rewritten(variant, wire, new, old) {
            // Code naming the variant still compiles; what it sends and
            // reads is another value, which old clients do not know.
            diff.push(
                ChangeKind::EnumValueChanged,
                (Patch, direction.verdict(true, true)),
                format!("variant `{name}::{variant}` now stands for value `{now}` (was `{wire}`)"),
                format!(
                    "value `{wire}` of schema {} is now `{now}`",
                    schema_words(new_at)
                ),
                (
                    Some(&value_pointer(diff.old_raw, old_at, wire)),
                    Some(&value_pointer(diff.new_raw, new_at, now)),
                ),
            );
        } else if !new.iter().any(|(_, w)| w == wire) {
            let old_place = value_pointer(diff.old_raw, old_at, wire);
            // Requests that send it are refused; responses never carry it.
            diff.push(
                ChangeKind::EnumValueRemoved,
                (Major, direction.verdict(true, false)),
                format!("variant `{name}::{variant}` removed"),
                format!(
                    "value `{wire}` removed from schema {}",
                    schema_words(new_at)
                ),
                (Some(&old_place), Some(new_at)),
            );
        }
    }
    // Every value old clients know is gone (a `const` changed, say): what
    // a response now carries they read only as `Unknown`, which no logic
    // of theirs expects.
    let all_replaced = !old.is_empty() && old.iter().all(|(_, w)| !new.iter().any(|(_, n)| n == w));
    for (variant, wire) in new {
        if !old.iter().any(|(_, w)| w == wire) && rewritten(variant, wire, old, new).is_none() {
            let new_place = value_pointer(diff.new_raw, new_at, wire);
            // `#[non_exhaustive]`; old clients read it as `Unknown`.
            diff.push(
                ChangeKind::EnumValueAdded,
                (Minor, direction.verdict(false, all_replaced)),
                format!("variant `{name}::{variant}` added"),
                format!("value `{wire}` added to schema {}", schema_words(new_at)),
                (Some(old_at), Some(&new_place)),
            );
        }
    }
}

/// The value of `others` that variant `variant` (of value `wire`, which
/// `others` lacks) stands for there, if it is one `values` lacks: the same
/// Rust name for another value, as when a value's case changes
/// (`Active` to `active`).
fn rewritten<'v>(
    variant: &str,
    wire: &str,
    others: &'v [(&str, String)],
    values: &[(&str, String)],
) -> Option<&'v str> {
    if others.iter().any(|(_, w)| w == wire) {
        return None;
    }
    others
        .iter()
        .find(|(v, w)| *v == variant && !values.iter().any(|(_, own)| own == w))
        .map(|(_, w)| w.as_str())
}

/// `built`: the struct has a constructor, whose arguments are its required
/// fields (`Some(true)`: the fake's alone, for a struct only responses
/// carry).
fn compare_fields(
    diff: &mut Diff<'_>,
    (name, built): (&str, Option<bool>),
    old: &[Field],
    new: &[Field],
    direction: Direction,
    (old_at, new_at): (&str, &str),
) {
    let schema = schema_words(new_at);
    for f in old {
        let old_place = property_pointer(diff.old_raw, old_at, &f.wire_name);
        let Some(g) = new.iter().find(|g| g.wire_name == f.wire_name) else {
            // A response without a field the old client requires fails to
            // decode; one it reads as optional is absent, as it could
            // always be: the old client still reads the response.
            let required_in_response = !f.optional && !f.nullable;
            diff.push(
                ChangeKind::FieldRemoved,
                (Major, direction.verdict(false, required_in_response)),
                format!("field `{name}::{}` removed", f.name),
                format!("property `{}` removed from schema {schema}", f.wire_name),
                (Some(&old_place), Some(new_at)),
            );
            continue;
        };
        let new_place = property_pointer(diff.new_raw, new_at, &g.wire_name);
        let at = (Some(old_place.as_str()), Some(new_place.as_str()));
        compare_field(diff, name, f, g, direction, &schema, at);
        if old_place != old_at && new_place != new_at {
            let old_node = constraints::node(diff.old_raw, &old_place);
            let new_node = constraints::node(diff.new_raw, &new_place);
            if let (Some(a), Some(b)) = (old_node, new_node) {
                let what = format!("field `{name}::{}`", g.name);
                let spec = format!("property `{}` of schema {schema}", g.wire_name);
                report_constraints(
                    diff,
                    constraints::compare(a, b, false),
                    direction,
                    what,
                    spec,
                    at,
                );
            }
        }
    }
    for g in new {
        if old.iter().any(|f| f.wire_name == g.wire_name) {
            continue;
        }
        let new_place = property_pointer(diff.new_raw, new_at, &g.wire_name);
        let required = !g.optional;
        let ty = surface::field_type_text(g, &diff.new.types);
        // Structs are `#[non_exhaustive]`: a new field breaks only a
        // constructor that must now take it.
        let (rust, fake_note) = match (built, g.is_required_argument()) {
            (Some(false), true) => (Major, ""),
            (Some(true), true) => (Minor, "; with `fake`, `new` takes it too"),
            _ => (Minor, ""),
        };
        diff.push(
            ChangeKind::FieldAdded,
            (rust, direction.verdict(required, false)),
            format!("field `{name}::{}: {ty}` added{fake_note}", g.name),
            format!(
                "{} property `{}` added to schema {schema}",
                if required { "required" } else { "optional" },
                g.wire_name
            ),
            (Some(old_at), Some(&new_place)),
        );
    }
}

/// Constraint changes: nothing in Rust; on the wire, tighter ones refuse
/// requests old clients send.
pub(super) fn report_constraints(
    diff: &mut Diff<'_>,
    change: ConstraintChange,
    direction: Direction,
    what: String,
    spec: String,
    at: (Option<&str>, Option<&str>),
) {
    if !change.tightened.is_empty() {
        diff.push(
            ChangeKind::ConstraintTightened,
            (RustImpact::None, direction.verdict(true, false)),
            format!("{what} is unchanged (the client does not check constraints)"),
            format!("{spec} accepts less: {}", change.tightened.join(", ")),
            at,
        );
    }
    if !change.loosened.is_empty() {
        diff.push(
            ChangeKind::ConstraintLoosened,
            (RustImpact::None, direction.verdict(false, false)),
            format!("{what} is unchanged (the client does not check constraints)"),
            format!("{spec} accepts more: {}", change.loosened.join(", ")),
            at,
        );
    }
}

fn compare_field(
    diff: &mut Diff<'_>,
    name: &str,
    old_field: &Field,
    new_field: &Field,
    direction: Direction,
    schema: &str,
    at: (Option<&str>, Option<&str>),
) {
    let retyped = !diff.same_type(&old_field.ty, &new_field.ty);
    // The Rust type changed if the value's type did or its wrapping did.
    let wrapping = (
        old_field.is_option(),
        old_field.double_option,
        old_field.boxed,
    ) != (
        new_field.is_option(),
        new_field.double_option,
        new_field.boxed,
    );
    let rust = if retyped || wrapping || old_field.name != new_field.name {
        Major
    } else {
        Patch
    };
    let aspects = field_aspects(diff, old_field, new_field, retyped);
    if let Some(kind) = field_change_kind(old_field, new_field, retyped) {
        let old_ty = surface::field_type_text(old_field, &diff.old.types);
        let new_ty = surface::field_type_text(new_field, &diff.new.types);
        let summary = if old_ty != new_ty || old_field.name != new_field.name {
            format!(
                "field `{name}::{}: {old_ty}` is now `{name}::{}: {new_ty}`",
                old_field.name, new_field.name
            )
        } else {
            format!("field `{name}::{}` is still `{new_ty}`", new_field.name)
        };
        let wire = if aspects.words.is_empty() {
            WireImpact::None
        } else {
            direction.verdict(aspects.breaks_requests, aspects.breaks_responses)
        };
        let spec = if aspects.words.is_empty() {
            format!(
                "property `{}` of schema {schema}: its Rust name changed",
                new_field.wire_name
            )
        } else {
            format!(
                "property `{}` of schema {schema} {}",
                new_field.wire_name,
                aspects.words.join(", ")
            )
        };
        diff.push(kind, (rust, wire), summary, spec, at);
    }
    diff.deprecation(
        (old_field.deprecated, new_field.deprecated),
        (ChangeKind::FieldDeprecated, ChangeKind::FieldUndeprecated),
        (
            &format!("field `{name}::{}`", new_field.name),
            &format!("property `{}` of schema {schema}", new_field.wire_name),
        ),
        at,
    );
    if old_field.docs != new_field.docs
        || old_field.read_only != new_field.read_only
        || old_field.write_only != new_field.write_only
    {
        diff.push(
            ChangeKind::FieldDocsChanged,
            (Patch, DocsOnly),
            format!("docs of field `{name}::{}` changed", new_field.name),
            format!(
                "description, readOnly or writeOnly of property `{}` of schema {schema} edited",
                new_field.wire_name
            ),
            at,
        );
    }
}

/// What changed in a field's value, in the spec's words, and whom it breaks.
struct Aspects {
    words: Vec<String>,
    breaks_requests: bool,
    breaks_responses: bool,
}

fn field_aspects(diff: &Diff<'_>, old_field: &Field, new_field: &Field, retyped: bool) -> Aspects {
    let mut aspects = Vec::new();
    let mut breaks_requests = false;
    let mut breaks_responses = false;
    if retyped {
        aspects.push(format!(
            "is now `{}` (was `{}`)",
            diff.new_text(&new_field.ty),
            diff.old_text(&old_field.ty)
        ));
        // Requests already sent stay valid if the new type accepts every
        // old value; responses old clients read, if the old type does.
        breaks_requests = !accepts_all(&new_field.ty, &old_field.ty, false);
        breaks_responses = !accepts_all(&old_field.ty, &new_field.ty, false);
    }
    let loosenings = [
        (
            old_field.optional,
            new_field.optional,
            "is no longer required",
            "is now required",
        ),
        (
            old_field.nullable,
            new_field.nullable,
            "is now nullable",
            "is no longer nullable",
        ),
    ];
    for (was, now, looser, tighter) in loosenings {
        // Looser: old clients reading it may now miss it or meet `null`.
        // Tighter: old clients sending it may leave it out or send `null`.
        match (was, now) {
            (false, true) => {
                aspects.push(looser.to_owned());
                breaks_responses = true;
            }
            (true, false) => {
                aspects.push(tighter.to_owned());
                breaks_requests = true;
            }
            _ => {}
        }
    }
    if old_field.format != new_field.format && !retyped {
        aspects.push(format!(
            "has format {} (was {})",
            format_text(new_field.format.as_deref()),
            format_text(old_field.format.as_deref())
        ));
        // A server may refuse the old format; a client keeps the text.
        breaks_requests = true;
    }
    Aspects {
        words: aspects,
        breaks_requests,
        breaks_responses,
    }
}

/// Whether every value of JSON type `narrow` is also one of `wide`: an
/// integer of any width is a number, a narrower integer a wider one's,
/// and, where values travel as text (`as_text`: parameters), any scalar is
/// a string. Graph types are not compared (`false`).
pub(super) fn accepts_all(wide: &TypeRef, narrow: &TypeRef, as_text: bool) -> bool {
    use TypeRef::*;
    let width = |ty: &TypeRef| match ty {
        I8 => Some((8, true)),
        I16 => Some((16, true)),
        I32 => Some((32, true)),
        I64 => Some((64, true)),
        U8 => Some((8, false)),
        U16 => Some((16, false)),
        U32 => Some((32, false)),
        U64 => Some((64, false)),
        _ => None,
    };
    match (wide, narrow) {
        (Nullable(w), Nullable(n)) | (List(w), List(n)) | (Map(w), Map(n)) => {
            accepts_all(w, n, as_text)
        }
        (Nullable(w), n) => accepts_all(w, n, as_text),
        (F64, n) if n.is_integer() || *n == F32 => true,
        (F32, n) if n.is_integer() => true,
        (String, n) if as_text => n.displays_as_wire_text(),
        (w, n) => match (width(w), width(n)) {
            // Signed wide takes unsigned narrow only if strictly wider.
            (Some((wb, true)), Some((nb, signed))) => nb < wb || (nb == wb && signed),
            (Some((wb, false)), Some((nb, false))) => nb <= wb,
            _ => false,
        },
    }
}

/// The kind of a change to a field, the most telling first; `None` if only
/// its docs or deprecation changed.
fn field_change_kind(old_field: &Field, new_field: &Field, retyped: bool) -> Option<ChangeKind> {
    if retyped {
        Some(ChangeKind::FieldRetyped)
    } else if old_field.optional != new_field.optional {
        Some(ChangeKind::FieldRequiredChanged)
    } else if old_field.nullable != new_field.nullable {
        Some(ChangeKind::FieldNullableChanged)
    } else if old_field.format != new_field.format {
        Some(ChangeKind::FieldFormatChanged)
    } else if old_field.name != new_field.name {
        Some(ChangeKind::FieldRenamed)
    } else {
        None
    }
}

fn format_text(format: Option<&str>) -> String {
    format.map_or_else(|| "none".to_owned(), |format| format!("`{format}`"))
}
