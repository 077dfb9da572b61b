//! The type graph: every named type of one API in an arena, addressed by
//! [`TypeId`], with an index by spec location.
//!
//! A type is declared first (its name and where the spec defines it are
//! decided then, so references to it resolve whatever the order) and defined
//! later. Types refer to each other by id, so a pass that merges or renames
//! types never rewrites names. The walks over a type's members are written
//! once here: [`TypeKind::members`], [`TypeKind::members_mut`] and
//! [`TypeRef::visit_named`].

use std::collections::HashMap;

use super::Docs;
use crate::name::Namespace;
use crate::pointer::Pointer;

/// A type of the graph. Ids are never reused, so one stays valid (if
/// [`TypeGraph::get`] still has its type) across passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TypeId(u32);

/// The Rust type of a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TypeRef {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    /// `format: date-time`: an RFC 3339 instant.
    DateTime,
    /// `format: date`: an RFC 3339 full-date.
    Date,
    /// `format: time` (or `partial-time`): an RFC 3339 time of day.
    Time,
    /// `format: uuid`.
    Uuid,
    /// `format: byte`: base64 text on the wire, bytes in Rust.
    Base64,
    /// A file a form uploads (a binary property of a multipart body): the
    /// runtime's `Upload`. Only form types have one.
    File,
    /// Any JSON value.
    Json,
    /// A JSON object with no declared properties.
    JsonObject,
    /// A type of the graph.
    Named(TypeId),
    List(Box<TypeRef>),
    /// A JSON object used as a map from string keys.
    Map(Box<TypeRef>),
    /// A value that may also be `null`: `Option<T>`. Never nests, never
    /// wraps [`TypeRef::Json`] (which holds `null` itself); a struct field
    /// keeps it as [`Field::nullable`] instead.
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The type of a string schema with `format` (when formats are typed).
    pub(crate) fn of_string_format(format: Option<&str>) -> Self {
        match format {
            Some("date-time") => TypeRef::DateTime,
            Some("date") => TypeRef::Date,
            Some("time" | "partial-time") => TypeRef::Time,
            Some("uuid") => TypeRef::Uuid,
            Some("byte") => TypeRef::Base64,
            _ => TypeRef::String,
        }
    }

    /// The type of an integer schema with `format`: the matching width and
    /// sign, `i64` otherwise (`int64`, `unixtime`, none).
    pub(crate) fn of_integer_format(format: Option<&str>) -> Self {
        match format {
            Some("int8") => TypeRef::I8,
            Some("int16") => TypeRef::I16,
            Some("int32") => TypeRef::I32,
            Some("uint8") => TypeRef::U8,
            Some("uint16") => TypeRef::U16,
            Some("uint32") => TypeRef::U32,
            Some("uint64") => TypeRef::U64,
            _ => TypeRef::I64,
        }
    }

    /// An integer of any width.
    pub(crate) fn is_integer(&self) -> bool {
        matches!(
            self,
            TypeRef::I8
                | TypeRef::I16
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U8
                | TypeRef::U16
                | TypeRef::U32
                | TypeRef::U64
        )
    }

    /// A small `Copy` value: numbers, booleans, dates, times and UUIDs.
    pub(crate) fn is_copy(&self) -> bool {
        self.is_integer()
            || matches!(
                self,
                TypeRef::Bool
                    | TypeRef::F32
                    | TypeRef::F64
                    | TypeRef::DateTime
                    | TypeRef::Date
                    | TypeRef::Time
                    | TypeRef::Uuid
            )
    }

    /// A value with one text form that `Display` writes, as URLs and
    /// headers want it. (A date-time's `Display` is not RFC 3339, so it is
    /// not one.)
    pub(crate) fn displays_as_wire_text(&self) -> bool {
        (self.is_copy() && *self != TypeRef::DateTime)
            || matches!(self, TypeRef::String | TypeRef::Base64)
    }

    /// `ty`, made to accept `null` as well (unless it already does).
    pub(crate) fn nullable(ty: TypeRef) -> Self {
        match ty {
            TypeRef::Nullable(_) | TypeRef::Json => ty,
            other => TypeRef::Nullable(Box::new(other)),
        }
    }

    /// The type without its `null`, and whether it had one: a field or a
    /// parameter says "may be null" itself.
    pub(crate) fn without_null(self) -> (TypeRef, bool) {
        match self {
            TypeRef::Nullable(inner) => (*inner, true),
            other => (other, false),
        }
    }

    /// The type that is not `null`: the inner type of a nullable one.
    pub(crate) fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner,
            other => other,
        }
    }

    /// The graph type this is, if it is one itself (not inside a list or map).
    pub(crate) fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }

    /// Calls `f` with every graph type this refers to, at any depth.
    pub(crate) fn visit_named(&self, f: &mut impl FnMut(TypeId)) {
        match self {
            TypeRef::Named(id) => f(*id),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.visit_named(f)
            }
            _ => {}
        }
    }

    /// Calls `f` with every graph type this refers to, at any depth, to
    /// change it.
    pub(crate) fn visit_named_mut(&mut self, f: &mut impl FnMut(&mut TypeId)) {
        match self {
            TypeRef::Named(id) => f(id),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.visit_named_mut(f)
            }
            _ => {}
        }
    }
}

/// A named Rust type generated from a schema.
#[derive(Clone, Debug)]
pub(crate) struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub deprecated: bool,
    /// Made from an inline schema (not a component), so an identical one
    /// elsewhere may stand in for it.
    pub inline: bool,
    /// A component that is only a `$ref` to another schema: the reference.
    pub same_as: Option<String>,
    pub kind: TypeKind,
    /// A struct a caller builds (one sent in requests, or one no response
    /// reads): it gets `new` and setters.
    pub constructor: Option<Constructor>,
    /// A multipart body's form type: sent as parts, these as the spec says.
    pub form_parts: Option<Vec<super::FormPart>>,
    /// Which way the type travels, which decides the serde impls every
    /// build compiles.
    pub travels: Travels,
}

impl TypeDef {
    /// The type this one names, when a merge of identical inline types left
    /// it as a site's alias of the merged type (its `same_as` is that type's
    /// name, where a component alias has the `$ref` it repeats).
    pub(crate) fn merged_into(&self, types: &TypeGraph) -> Option<TypeId> {
        match &self.kind {
            TypeKind::Alias(TypeRef::Named(target))
                if !self.inline && self.same_as.as_deref() == Some(types.name(*target)) =>
            {
                Some(*target)
            }
            _ => None,
        }
    }
}

/// Which way a type travels, and so which serde impls every build of the
/// crate compiles: both for a type that goes both ways (or that no
/// operation uses: a types-only crate's); the impl a one-way type does not
/// need is compiled only with the crate's `serde-both-ways` feature, which
/// `fake` turns on (a fake's replies serialize response types).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Travels {
    #[default]
    BothWays,
    /// Read from responses only: `Serialize` is the feature's.
    ReadOnly,
    /// Sent in requests only: `Deserialize` is the feature's.
    SentOnly,
}

impl Travels {
    /// Whether the type's `Serialize` (`serialize`) or `Deserialize` is
    /// compiled only with the `serde-both-ways` feature.
    pub(crate) fn gates(self, serialize: bool) -> bool {
        match self {
            Travels::BothWays => false,
            Travels::ReadOnly => serialize,
            Travels::SentOnly => !serialize,
        }
    }
}

/// How a caller builds a struct: `new` with the required fields, or, when
/// there are more than three, `new` taking a struct of them (named here),
/// so that arguments of one type cannot be swapped unseen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Constructor {
    pub init_struct: Option<String>,
    /// Only a fake builds it (only responses carry it): its constructors
    /// are compiled with the runtime's `fake` feature alone, and set
    /// read-only fields too.
    pub fakes_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TypeKind {
    /// An object with declared properties (`allOf` parts merged).
    Struct { fields: Vec<Field> },
    /// A string enum. Values a newer server sends that the spec does not list
    /// decode into an extra `Unknown(String)` variant instead of failing.
    StringEnum { variants: Vec<EnumVariant> },
    /// An integer enum, with an `Unknown(i64)` fallback variant.
    IntegerEnum { variants: Vec<(String, i64)> },
    /// `oneOf`/`anyOf`: one variant per alternative, tried in order, and an
    /// `Unknown(serde_json::Value)` fallback. With a discriminator, the tag
    /// property picks the variant.
    OneOf {
        variants: Vec<OneOfVariant>,
        discriminator: Option<String>,
    },
    /// Anything else that has a name in the spec: `pub type Name = ...;`.
    Alias(TypeRef),
}

/// A reference from one type to another, as a place that can be boxed.
pub(crate) struct Member<'a> {
    pub ty: &'a mut TypeRef,
    /// `None` for an alias, which cannot be boxed.
    pub boxed: Option<&'a mut bool>,
}

impl TypeKind {
    /// The types this one holds directly: fields, variants, the aliased type.
    pub(crate) fn members(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::OneOf { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
        }
    }

    /// [`Self::members`], to change them.
    pub(crate) fn members_mut(&mut self) -> Vec<Member<'_>> {
        match self {
            TypeKind::Struct { fields } => fields
                .iter_mut()
                .map(|f| Member {
                    ty: &mut f.ty,
                    boxed: Some(&mut f.boxed),
                })
                .collect(),
            TypeKind::OneOf { variants, .. } => variants
                .iter_mut()
                .map(|v| Member {
                    ty: &mut v.ty,
                    boxed: Some(&mut v.boxed),
                })
                .collect(),
            TypeKind::Alias(ty) => vec![Member { ty, boxed: None }],
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct OneOfVariant {
    pub name: String,
    pub ty: TypeRef,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// Absent from the JSON is allowed (the property is not `required`).
    pub optional: bool,
    /// `null` is allowed.
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// The schema's `format`, e.g. `date-time`.
    pub format: Option<String>,
    /// Optional and nullable in a type sent in requests: `Option<Option<T>>`
    /// keeps "absent" (`None`) apart from `null` (`Some(None)`).
    pub double_option: bool,
    /// Read leniently (a response-only type of a client generated with
    /// lenient responses): a value of another type is read as what was
    /// meant where that is plain, else as absent.
    pub lenient: bool,
    pub docs: Docs,
}

impl Field {
    /// Optional or nullable properties become `Option<T>`.
    pub(crate) fn is_option(&self) -> bool {
        self.optional || self.nullable
    }

    /// A value the struct's constructor must be given: neither absent nor
    /// `null` may stand for it.
    pub(crate) fn is_required_argument(&self) -> bool {
        !self.is_option()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct EnumVariant {
    pub name: String,
    pub wire_value: String,
}

/// The named types of one API.
#[derive(Debug, Default)]
pub(crate) struct TypeGraph {
    /// By id: the name decided when the type was declared.
    names: Vec<String>,
    /// By id: where the spec defines the type, as declared.
    locations: Vec<String>,
    /// By id: the definition, once made; `None` again after a merge.
    defs: Vec<Option<TypeDef>>,
    /// Defined types in emission order.
    order: Vec<TypeId>,
    by_location: HashMap<String, TypeId>,
    /// Inline types named by what every site shares (a `title`, or the
    /// component they come from), not by the site they were met at.
    shared_names: std::collections::HashSet<TypeId>,
    /// Every type name of the module, the graph's and the operations' own
    /// (`...Params`, `...Response`), so none collide.
    namespace: Namespace,
}

impl TypeGraph {
    /// Reserves a name like `wanted` (made unique) for a type the spec
    /// defines at `location`, to be defined later.
    pub(crate) fn declare(&mut self, wanted: String, location: &Pointer) -> TypeId {
        let id = self.push(wanted, location.to_string());
        // The first type made from a location keeps it (a `$ref` into an
        // inline schema may make another from the same place).
        self.by_location.entry(location.to_string()).or_insert(id);
        id
    }

    /// A new id with a name like `wanted`, made from `location`.
    fn push(&mut self, wanted: String, location: String) -> TypeId {
        let id = TypeId(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        let name = self.namespace.claim(wanted);
        self.names.push(name);
        self.locations.push(location);
        self.defs.push(None);
        id
    }

    /// Renames the type called `generated` to `pinned` (and the aliases
    /// that say whose name they are); nothing if no type has that name.
    /// A problem comes with where the type is defined.
    pub(crate) fn pin_name(
        &mut self,
        generated: &str,
        pinned: &str,
    ) -> Result<(), (String, String)> {
        let Some(index) = self.names.iter().position(|name| name == generated) else {
            return Ok(());
        };
        if generated == pinned {
            return Ok(());
        }
        let at = self.locations[index].clone();
        if self.namespace.is_taken(pinned) {
            let problem = format!(
                "type `{generated}` cannot be named `{pinned}`: another type has that name"
            );
            return Err((problem, at));
        }
        if crate::name::pascal(pinned) != pinned {
            let problem = format!(
                "type `{generated}` cannot be named `{pinned}`: not a Rust type name (try `{}`)",
                crate::name::pascal(pinned)
            );
            return Err((problem, at));
        }
        self.namespace.claim(pinned.to_owned());
        self.names[index] = pinned.to_owned();
        for def in self.defs.iter_mut().flatten() {
            if def.name == generated {
                def.name = pinned.to_owned();
            }
            if def.same_as.as_deref() == Some(generated) {
                def.same_as = Some(pinned.to_owned());
            }
        }
        Ok(())
    }

    /// Whether a type (or an operation's own type) is called `name`.
    pub(crate) fn is_name_taken(&self, name: &str) -> bool {
        self.namespace.is_taken(name)
    }

    /// Records that `id` was named by a `title` or a shared component.
    pub(crate) fn mark_shared_name(&mut self, id: TypeId) {
        self.shared_names.insert(id);
    }

    /// Whether `id` was named by a `title` or a shared component.
    pub(crate) fn has_shared_name(&self, id: TypeId) -> bool {
        self.shared_names.contains(&id)
    }

    /// Reserves a name like `wanted` for a type made from the same place as
    /// `like` (the one several identical types merge into).
    pub(crate) fn declare_like(&mut self, wanted: String, like: TypeId) -> TypeId {
        let location = self.locations[like.0 as usize].clone();
        self.push(wanted, location)
    }

    /// Defines a declared type; it is emitted after those defined before it.
    pub(crate) fn define(&mut self, id: TypeId, def: TypeDef) {
        let slot = &mut self.defs[id.0 as usize];
        if slot.is_none() {
            self.order.push(id);
        }
        *slot = Some(def);
    }

    /// A module-level type name that is not a graph type (an operation's
    /// parameters struct or response enum), unique among all type names.
    pub(crate) fn claim_name(&mut self, wanted: String) -> String {
        self.namespace.claim(wanted)
    }

    /// The name of a declared type.
    pub(crate) fn name(&self, id: TypeId) -> &str {
        &self.names[id.0 as usize]
    }

    /// Where the spec defines a declared type (a JSON pointer such as
    /// `/components/schemas/Pet`).
    pub(crate) fn location(&self, id: TypeId) -> &str {
        &self.locations[id.0 as usize]
    }

    pub(crate) fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.defs.get(id.0 as usize)?.as_ref()
    }

    pub(crate) fn get_mut(&mut self, id: TypeId) -> Option<&mut TypeDef> {
        self.defs.get_mut(id.0 as usize)?.as_mut()
    }

    /// The type defined at `location` (a JSON pointer such as
    /// `/components/schemas/Pet`), if there is one.
    pub(crate) fn by_location(&self, location: &str) -> Option<TypeId> {
        self.by_location.get(location).copied()
    }

    /// The defined types in emission order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.order
            .iter()
            .filter_map(|&id| self.get(id).map(|def| (id, def)))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The defined types' ids in emission order.
    pub(crate) fn ids(&self) -> Vec<TypeId> {
        self.order.clone()
    }

    /// Every type reachable from `roots`: the roots, and what their members
    /// refer to, transitively.
    pub(crate) fn reachable<'r>(
        &self,
        roots: impl IntoIterator<Item = &'r TypeRef>,
    ) -> std::collections::HashSet<TypeId> {
        let mut reached = std::collections::HashSet::new();
        let mut stack: Vec<TypeId> = Vec::new();
        for ty in roots {
            ty.visit_named(&mut |id| stack.push(id));
        }
        while let Some(id) = stack.pop() {
            if !reached.insert(id) {
                continue;
            }
            if let Some(def) = self.get(id) {
                for member in def.kind.members() {
                    member.visit_named(&mut |inner| stack.push(inner));
                }
            }
        }
        reached
    }

    /// Keeps only the `keep` types (subset generation); callers make sure
    /// nothing kept refers to the others.
    pub(crate) fn retain(&mut self, keep: &std::collections::HashSet<TypeId>) {
        self.order.retain(|id| keep.contains(id));
        for (i, def) in self.defs.iter_mut().enumerate() {
            if !keep.contains(&TypeId(u32::try_from(i).unwrap_or(u32::MAX))) {
                *def = None;
            }
        }
        self.by_location.retain(|_, id| keep.contains(id));
    }

    /// Removes `gone` types, whose locations now lead to the type that
    /// replaces each. Callers rewrite references themselves.
    pub(crate) fn remove(&mut self, gone: &HashMap<TypeId, TypeId>) {
        self.order.retain(|id| !gone.contains_key(id));
        for old in gone.keys() {
            self.defs[old.0 as usize] = None;
        }
        for id in self.by_location.values_mut() {
            if let Some(new) = gone.get(id) {
                *id = *new;
            }
        }
    }

    /// Follows aliases (`pub type Name = String;`) to the type behind them.
    pub(crate) fn unalias<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        let mut current = ty;
        for _ in 0..16 {
            match current.named().and_then(|id| self.get(id)).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => current = inner,
                _ => break,
            }
        }
        current
    }

    /// The aliases from `start` back to it, `start` first, when `start`
    /// is an alias whose type holds it again through aliases alone (and
    /// the lists, maps and `Option`s they name); `None` when a struct or
    /// enum stands between, or nothing leads back.
    pub(crate) fn alias_cycle(&self, start: TypeId) -> Option<Vec<TypeId>> {
        let mut seen = std::collections::HashSet::from([start]);
        let mut paths = vec![vec![start]];
        while let Some(path) = paths.pop() {
            let last = *path.last().expect("a path starts with `start`");
            let Some(TypeKind::Alias(ty)) = self.get(last).map(|def| &def.kind) else {
                continue;
            };
            let mut next = Vec::new();
            ty.visit_named(&mut |id| next.push(id));
            for id in next {
                if id == start {
                    return Some(path);
                }
                if seen.insert(id) {
                    paths.push([path.as_slice(), &[id]].concat());
                }
            }
        }
        None
    }

    /// The kind of the graph type `ty` is, if it is one.
    pub(crate) fn kind_of(&self, ty: &TypeRef) -> Option<&TypeKind> {
        ty.named().and_then(|id| self.get(id)).map(|d| &d.kind)
    }
}
