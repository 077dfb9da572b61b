//! Schemas to Rust types.
//!
//! Every schema is first normalised into a [`View`], whichever `SchemaKind`
//! `openapiv3` parsed it into (a schema mixing `type` with `allOf`, say,
//! parses as `SchemaKind::Any`). Objects with properties, `allOf` of objects,
//! enums and `oneOf`/`anyOf` become named types; everything else maps to a
//! built-in type.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::build::Builder;
use super::graph::{Travels, TypeId};
use super::{Docs, EnumVariant, Field, OneOfVariant, TypeDef, TypeKind, TypeRef};
use crate::name::{self, Namespace};
use crate::pointer::Pointer;
use crate::resolve;

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// What becomes of a `$ref` to a schema that is not there.
const AS_ANY_JSON: &str = "typed as any JSON value";

/// How deeply `allOf` parts may nest in each other before merging gives up
/// (a cycle through `allOf`).
const MAX_ALL_OF_DEPTH: usize = 32;

impl<'a> Builder<'a> {
    /// Defines the declared type `id` for a component schema: a struct, enum
    /// or `oneOf` when the schema is one, otherwise an alias.
    pub(super) fn define_named(&mut self, id: TypeId, schema: &ReferenceOr<Schema>, at: &Pointer) {
        let name = self.types.name(id).to_owned();
        let (ty, docs, deprecated, same_as) = match schema {
            ReferenceOr::Item(schema) => {
                if let Some(definition) = self.definition(schema, at) {
                    self.define_type(id, schema, definition, at, false);
                    return;
                }
                let data = &schema.schema_data;
                let ty = self.type_of_inline(schema, at, &name);
                (ty, schema_docs(data), data.deprecated, None)
            }
            ReferenceOr::Reference { reference } => {
                let ty = self.type_of_reference(reference, at, &name);
                (ty, Docs::default(), false, Some(reference.clone()))
            }
        };
        // A component that accepts `null` is nullable where it is used
        // (see `type_of_reference`), so its alias names the type itself.
        let def = TypeDef {
            name,
            docs,
            deprecated,
            inline: false,
            same_as,
            kind: TypeKind::Alias(ty.without_null().0),
            constructor: None,
            form_parts: None,
            travels: Travels::BothWays,
        };
        self.types.define(id, def);
    }

    /// The Rust type for a schema met at `at` (a `Schema`, or the
    /// `Box<Schema>` of properties and items). Inline objects and enums get a
    /// new named type; `context` is the name they take if they have no title.
    pub(super) fn type_of<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        at: &Pointer,
        context: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.type_of_reference(reference, at, context),
            ReferenceOr::Item(schema) => self.type_of_inline(schema.borrow(), at, context),
        }
    }

    fn type_of_reference(&mut self, reference: &str, at: &Pointer, context: &str) -> TypeRef {
        if let Some(id) = self.component_id(reference) {
            return if self.component_accepts_null(id, reference, 0) {
                TypeRef::nullable(TypeRef::Named(id))
            } else {
                TypeRef::Named(id)
            };
        }
        if let Some(known) = self.pointer_types.get(reference) {
            return known.clone();
        }
        // A pointer into another schema, e.g. `#/components/schemas/A/properties/b`.
        let item = ReferenceOr::Reference {
            reference: reference.to_owned(),
        };
        let Some(target) = self.resolve_leniently(&item, at, AS_ANY_JSON) else {
            return TypeRef::Json;
        };
        if !self.pointers_in_progress.insert(reference.to_owned()) {
            self.diagnostics.warning(
                at,
                format!("`$ref: {reference}` refers to itself; typed as any JSON value"),
            );
            return TypeRef::Json;
        }
        // A definition (`$defs/Tag`) has a name of its own; any other node
        // is named from where it is used.
        let mut tokens = reference.rsplit('/');
        let last = tokens.next().unwrap_or(context);
        let name = match tokens.next() {
            Some("$defs" | "definitions") => last.to_owned(),
            _ => format!("{context} {last}"),
        };
        let ty = self.type_of_inline(&target.item, &target.at, &name);
        self.pointers_in_progress.remove(reference);
        self.pointer_types.insert(reference.to_owned(), ty.clone());
        ty
    }

    /// The component schema `reference` names, if it is one.
    fn component_id(&self, reference: &str) -> Option<TypeId> {
        resolve::component_pointer(reference, "schemas")
            .and_then(|component| self.types.by_location(&component.to_string()))
    }

    /// Whether the component `id` (which `reference` names) accepts `null`,
    /// whatever form says so: `nullable`, a `null` in its `enum`, or a
    /// reference, `allOf` of one reference or single `oneOf` alternative
    /// that does. Every use of the component is then nullable: the one
    /// fact, decided here for every use site.
    fn component_accepts_null(&mut self, id: TypeId, reference: &str, depth: usize) -> bool {
        if let Some(&known) = self.nullable_components.get(&id) {
            return known;
        }
        if depth > MAX_ALL_OF_DEPTH {
            return false;
        }
        // Until answered, a component that leads back to itself does not.
        self.nullable_components.insert(id, false);
        let item = ReferenceOr::Reference {
            reference: reference.to_owned(),
        };
        let resolver = self.resolver;
        let answer = match resolver.resolve::<Schema>(&item, &Pointer::root()) {
            Ok(resolved) => self.schema_accepts_null(&resolved.item, &resolved.at, depth + 1),
            Err(_) => false,
        };
        self.nullable_components.insert(id, answer);
        answer
    }

    /// Whether `null` is a value of the type [`Self::type_of`] makes of
    /// `schema`.
    fn schema_accepts_null(&mut self, schema: &Schema, at: &Pointer, depth: usize) -> bool {
        let view = View::of(schema);
        if view.accepts_null_with_parts() {
            return true;
        }
        let part = match (self.single_reference(&view, at), view.one_of) {
            (Some((part, _)), _) => part,
            (None, [only]) if !view.one_of_only_constrains() => only,
            _ => return false,
        };
        match part {
            ReferenceOr::Reference { reference } => match self.component_id(reference) {
                Some(id) => self.component_accepts_null(id, reference, depth + 1),
                None if depth <= MAX_ALL_OF_DEPTH => {
                    let resolver = self.resolver;
                    resolver
                        .resolve::<Schema>(part, at)
                        .is_ok_and(|r| self.schema_accepts_null(&r.item, &r.at, depth + 1))
                }
                None => false,
            },
            ReferenceOr::Item(inner) => {
                depth <= MAX_ALL_OF_DEPTH && self.schema_accepts_null(inner, at, depth + 1)
            }
        }
    }

    fn type_of_inline(&mut self, schema: &Schema, at: &Pointer, context: &str) -> TypeRef {
        let view = View::of(schema);
        let ty = self.type_of_view(schema, &view, at, context);
        if view.accepts_null_with_parts() {
            TypeRef::nullable(ty)
        } else {
            ty
        }
    }

    /// [`Self::type_of_inline`] but for the schema's own `null`.
    fn type_of_view(
        &mut self,
        schema: &Schema,
        view: &View<'_>,
        at: &Pointer,
        context: &str,
    ) -> TypeRef {
        if let Some((part, part_at)) = self.single_reference(view, at) {
            return self.type_of(part, &part_at, context);
        }
        if let Some(definition) = self.definition(schema, at) {
            let wanted = view
                .data
                .title
                .as_deref()
                .map_or_else(|| name::pascal(context), name::pascal);
            let id = self.types.declare(wanted, at);
            if view.data.title.is_some() || self.in_component {
                self.types.mark_shared_name(id);
            }
            self.define_type(id, schema, definition, at, true);
            return TypeRef::Named(id);
        }
        if let [only] = view.one_of
            && !view.one_of_only_constrains()
        {
            return self.type_of(only, &at.join(view.one_of_keyword()).join(0), context);
        }
        if view.all_of_says_nothing() {
            return TypeRef::Json;
        }
        if !view.all_of.is_empty() {
            self.diagnostics.warning(
                at,
                "`allOf` mixes objects with other kinds of schema; typed as any JSON value"
                    .to_owned(),
            );
            return TypeRef::Json;
        }
        if view.not {
            let message = match view.not_anything {
                true => {
                    "no value satisfies this schema (`false`, or `not: {}`); typed as any JSON value"
                }
                false => "`not` schemas cannot be expressed in Rust; typed as any JSON value",
            };
            self.diagnostics.warning(at, message);
            return TypeRef::Json;
        }
        match view.primitive {
            Primitive::String if self.typed_formats => {
                TypeRef::of_string_format(view.format.as_deref())
            }
            Primitive::String => TypeRef::String,
            Primitive::Boolean => TypeRef::Bool,
            // Bounds past `i64` that are never negative (`maximum:
            // 18446744073709551615`) need a `u64`, whatever the format says.
            Primitive::Integer if view.beyond_i64 => TypeRef::U64,
            Primitive::Integer => TypeRef::of_integer_format(view.format.as_deref()),
            Primitive::Number { float: true } => TypeRef::F32,
            Primitive::Number { float: false } => TypeRef::F64,
            Primitive::Array => match view.items {
                Some(items) => {
                    let item = self.type_of(items, &at.join("items"), &format!("{context} Item"));
                    TypeRef::List(Box::new(item))
                }
                None => TypeRef::List(Box::new(TypeRef::Json)),
            },
            Primitive::Object | Primitive::Unspecified => match view.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.type_of(
                        value,
                        &at.join("additionalProperties"),
                        &format!("{context} Value"),
                    );
                    TypeRef::Map(Box::new(value))
                }
                _ if view.primitive == Primitive::Object => TypeRef::JsonObject,
                _ => TypeRef::Json,
            },
        }
    }

    /// [`single_reference`], unless the schema it names is a union that
    /// lists this one among its alternatives: a child of a discriminated
    /// base (`OpRemove: {allOf: [{$ref: JsonOp}]}` under `JsonOp: {oneOf:
    /// [.., OpRemove]}`) is an object of the base's properties. Read as the
    /// base, it would hold itself, and decoding it would never end.
    fn single_reference<'v>(
        &self,
        view: &View<'v>,
        at: &Pointer,
    ) -> Option<(&'v ReferenceOr<Schema>, Pointer)> {
        let found = single_reference(view, at)?;
        let Ok(base) = self.resolver.resolve::<Schema>(found.0, &found.1) else {
            return Some(found);
        };
        let lists_this = View::of(&base.item).one_of.iter().any(|alternative| {
            matches!(alternative, ReferenceOr::Reference { reference }
                if resolve::component_pointer(reference, "schemas").as_ref() == Some(at))
        });
        (!lists_this).then_some(found)
    }

    /// What named type `schema` defines, if any.
    fn definition(&mut self, schema: &Schema, at: &Pointer) -> Option<Definition> {
        let view = View::of(schema);
        if self.single_reference(&view, at).is_some() {
            return None;
        }
        if view.one_of.len() >= 2 && !view.one_of_only_constrains() {
            let keyword = view.one_of_keyword();
            return Some(Definition::OneOf {
                alternatives: view
                    .one_of
                    .iter()
                    .enumerate()
                    .map(|(i, alt)| (alt.clone(), at.join(keyword).join(i)))
                    .collect(),
                discriminator: view.data.discriminator.clone(),
            });
        }
        if view.all_of_says_nothing() {
            return None;
        }
        if !view.all_of.is_empty() || view.properties.is_some() {
            return self.object_parts(&view, at, 0).map(Definition::Struct);
        }
        if !view.string_enum.is_empty() {
            return Some(Definition::StringEnum(distinct(view.string_enum)));
        }
        if !view.integer_enum.is_empty() {
            return Some(Definition::IntegerEnum(distinct(view.integer_enum)));
        }
        None
    }

    /// The properties of an object schema, `allOf` parts merged in; `None`
    /// if some part is not an object.
    fn object_parts(&mut self, view: &View<'_>, at: &Pointer, depth: usize) -> Option<ObjectParts> {
        if depth > MAX_ALL_OF_DEPTH {
            return None;
        }
        let mut parts = ObjectParts::default();
        for (i, part) in view.all_of.iter().enumerate() {
            let part_at = at.join("allOf").join(i);
            let resolved = self.resolve_leniently(part, &part_at, AS_ANY_JSON)?;
            let (schema, schema_at) = (resolved.item, resolved.at);
            // A part that is the schema itself (springdoc writes
            // `KeyValue: {allOf: [{$ref: KeyValue}, {properties: ..}]}`)
            // adds nothing the other parts do not.
            if schema_at == *at {
                continue;
            }
            let part_view = View::of(&schema);
            if part_view.is_plain_object() {
                parts.required.extend(part_view.required.iter().cloned());
                continue;
            }
            if part_view.properties.is_none() && part_view.all_of.is_empty() {
                return None;
            }
            let part = self.object_parts(&part_view, &schema_at, depth + 1)?;
            for (wire, schema, property_at) in part.properties {
                self.insert_property(&mut parts, wire, schema, property_at);
            }
            parts.required.extend(part.required);
        }
        if let Some(properties) = view.properties {
            for (wire, schema) in properties {
                let property_at = at.join("properties").join(wire);
                self.insert_property(&mut parts, wire.clone(), schema.clone(), property_at);
            }
        }
        parts.required.extend(view.required.iter().cloned());
        Some(parts)
    }

    /// Adds a property to `parts`; a later declaration of the same name
    /// replaces an earlier one (an `allOf` part refining its base), with a
    /// warning when the two say different `type`s (`integer` and `number`
    /// agree), as the earlier one's values would not decode.
    fn insert_property(
        &mut self,
        parts: &mut ObjectParts,
        wire: String,
        schema: ReferenceOr<Box<Schema>>,
        at: Pointer,
    ) {
        let type_of = |schema: &ReferenceOr<Box<Schema>>| match schema {
            ReferenceOr::Item(schema) => match &schema.schema_kind {
                SchemaKind::Type(Type::String(_)) => Some("string"),
                SchemaKind::Type(Type::Number(_)) => Some("number"),
                SchemaKind::Type(Type::Integer(_)) => Some("integer"),
                SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
                SchemaKind::Type(Type::Object(_)) => Some("object"),
                SchemaKind::Type(Type::Array(_)) => Some("array"),
                _ => None,
            },
            ReferenceOr::Reference { .. } => None,
        };
        if let Some((_, earlier, earlier_at)) =
            parts.properties.iter().find(|(name, ..)| *name == wire)
            && let (Some(was), Some(is)) = (type_of(earlier), type_of(&schema))
            && was != is
            && !matches!((was, is), ("number", "integer") | ("integer", "number"))
        {
            let message = format!(
                "property `{wire}` is `type: {was}` at #{earlier_at} and `type: {is}` here; this declaration is used"
            );
            self.diagnostics.warning(&at, message);
        }
        parts.insert(wire, schema, at);
    }

    fn define_type(
        &mut self,
        id: TypeId,
        schema: &Schema,
        definition: Definition,
        at: &Pointer,
        inline: bool,
    ) {
        let name = self.types.name(id).to_owned();
        let kind = match definition {
            Definition::Struct(parts) => TypeKind::Struct {
                fields: self.fields(&name, parts),
            },
            Definition::StringEnum(values) => TypeKind::StringEnum {
                variants: string_variants(&values),
            },
            Definition::IntegerEnum(values) => TypeKind::IntegerEnum {
                variants: integer_variants(&values),
            },
            Definition::OneOf {
                alternatives,
                discriminator,
            } => self.one_of(&name, alternatives, discriminator, at),
        };
        let data = &schema.schema_data;
        let def = TypeDef {
            name,
            docs: schema_docs(data),
            deprecated: data.deprecated,
            inline,
            same_as: None,
            kind,
            constructor: None,
            form_parts: None,
            travels: Travels::BothWays,
        };
        self.types.define(id, def);
    }

    fn fields(&mut self, parent: &str, parts: ObjectParts) -> Vec<Field> {
        let mut names = Namespace::default();
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire_name, schema, at) in parts.properties {
            let (ty, accepts_null) = self
                .type_of(&schema, &at, &format!("{parent} {wire_name}"))
                .without_null();
            let data = match &schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            let docs = data.map_or_else(Docs::default, schema_docs);
            fields.push(Field {
                format: format_of(&schema),
                name: names.claim(name::snake(&wire_name)),
                optional: !parts.required.contains(&wire_name),
                wire_name,
                ty,
                // `nullable` on an untyped property makes an `Option` too.
                nullable: accepts_null || data.is_some_and(|d| d.nullable),
                read_only: data.is_some_and(|d| d.read_only),
                write_only: data.is_some_and(|d| d.write_only),
                deprecated: data.is_some_and(|d| d.deprecated),
                boxed: false,
                double_option: false,
                lenient: false,
                docs,
            });
        }
        fields
    }

    fn one_of(
        &mut self,
        parent: &str,
        alternatives: Vec<(ReferenceOr<Schema>, Pointer)>,
        discriminator: Option<openapiv3::Discriminator>,
        at: &Pointer,
    ) -> TypeKind {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut variants = Vec::with_capacity(alternatives.len());
        for (i, (alternative, alt_at)) in alternatives.into_iter().enumerate() {
            let ty = self.type_of(&alternative, &alt_at, &format!("{parent} {}", i + 1));
            let mut tags = Vec::new();
            if let (Some(d), ReferenceOr::Reference { reference }) = (&discriminator, &alternative)
            {
                let component = reference.rsplit('/').next().unwrap_or_default();
                tags.extend(
                    d.mapping
                        .iter()
                        .filter(|(_, target)| *target == reference || *target == component)
                        .map(|(value, _)| value.clone()),
                );
                if tags.is_empty() {
                    tags.push(component.to_owned());
                }
            }
            let wanted = match ty.non_null().named() {
                Some(id) => self.types.name(id).to_owned(),
                None => variant_name(&ty, i),
            };
            variants.push(OneOfVariant {
                name: names.claim(wanted),
                ty,
                boxed: false,
                tags,
            });
        }
        // A discriminator only helps when every variant is an object that
        // can carry the tag.
        let discriminator = discriminator.map(|d| d.property_name).filter(|_| {
            variants.iter().all(|v| {
                !v.tags.is_empty()
                    && matches!(v.ty.non_null(), TypeRef::Named(_) | TypeRef::JsonObject)
            })
        });
        if discriminator.is_none() && variants.iter().any(|v| !v.tags.is_empty()) {
            self.diagnostics.warning(at, "discriminator ignored: not every alternative is a referenced object; variants are tried in order");
            variants.iter_mut().for_each(|v| v.tags.clear());
        }
        TypeKind::OneOf {
            variants,
            discriminator,
        }
    }
}

/// A schema's typing keywords, whichever `SchemaKind` holds them.
struct View<'s> {
    data: &'s SchemaData,
    primitive: Primitive,
    properties: Option<&'s Properties>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
    items: Option<&'s ReferenceOr<Box<Schema>>>,
    /// The `format` of a string or integer schema.
    format: Option<String>,
    string_enum: Vec<String>,
    integer_enum: Vec<i64>,
    /// `null` is one of the `enum` values.
    enum_null: bool,
    /// An integer schema whose values go past `i64::MAX` and are never
    /// negative: its `maximum` is past it and its `minimum` is not
    /// negative, or its own `default` or `example` is past it.
    beyond_i64: bool,
    all_of: &'s [ReferenceOr<Schema>],
    /// `oneOf` or, if there is none, `anyOf`.
    one_of: &'s [ReferenceOr<Schema>],
    any_of: bool,
    not: bool,
    /// The `not` is of the empty schema: no value satisfies this one
    /// (JSON Schema's `false`, or `not: {}`).
    not_anything: bool,
}

/// Whether `schema` is `{}`, which every value satisfies.
fn is_empty_schema(schema: &ReferenceOr<Schema>) -> bool {
    matches!(schema, ReferenceOr::Item(s)
        if s.schema_kind == SchemaKind::Any(AnySchema::default())
            && s.schema_data == openapiv3::SchemaData::default())
}

/// The kind of value an untyped schema stands for: its `type`, or what its
/// other keywords imply.
fn any_primitive(any: &AnySchema) -> Primitive {
    match any.typ.as_deref() {
        Some("string") => Primitive::String,
        Some("integer") => Primitive::Integer,
        Some("number") => Primitive::Number {
            float: any.format.as_deref() == Some("float"),
        },
        Some("boolean") => Primitive::Boolean,
        Some("array") => Primitive::Array,
        Some("object") => Primitive::Object,
        _ if !any.properties.is_empty() || any.additional_properties.is_some() => Primitive::Object,
        _ if any.items.is_some() => Primitive::Array,
        // An `enum` without `type` (common in 3.1) whose values are strings,
        // `null` aside, is a string enum.
        _ if any.enumeration.iter().any(serde_json::Value::is_string)
            && any.enumeration.iter().all(|v| v.is_string() || v.is_null()) =>
        {
            Primitive::String
        }
        _ => Primitive::Unspecified,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Primitive {
    String,
    Integer,
    Number { float: bool },
    Boolean,
    Array,
    Object,
    Unspecified,
}

impl<'s> View<'s> {
    fn of(schema: &'s Schema) -> Self {
        let mut view = Self {
            data: &schema.schema_data,
            primitive: Primitive::Unspecified,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            format: None,
            string_enum: Vec::new(),
            integer_enum: Vec::new(),
            enum_null: false,
            beyond_i64: false,
            all_of: &[],
            one_of: &[],
            any_of: false,
            not: false,
            not_anything: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(typed) => view.read_type(typed),
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => {
                view.one_of = any_of;
                view.any_of = true;
            }
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::Not { not } => {
                view.not = true;
                view.not_anything = is_empty_schema(not);
            }
            SchemaKind::Any(any) => view.read_any(any),
        }
        let past_i64 = |value: &Option<serde_json::Value>| {
            value
                .as_ref()
                .and_then(serde_json::Value::as_f64)
                .is_some_and(|n| n >= i64::MAX as f64)
        };
        view.beyond_i64 = view.primitive == Primitive::Integer
            && (view.beyond_i64 || past_i64(&view.data.default) || past_i64(&view.data.example));
        view
    }

    /// The keywords of a schema with one `type`.
    fn read_type(&mut self, typed: &'s Type) {
        match typed {
            Type::String(s) => {
                self.primitive = Primitive::String;
                self.format = string_format(&s.format);
                self.string_enum = s.enumeration.iter().flatten().cloned().collect();
                self.enum_null = s.enumeration.iter().any(Option::is_none);
            }
            Type::Integer(i) => {
                self.primitive = Primitive::Integer;
                self.format = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32".to_owned()),
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64".to_owned()),
                    VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
                    VariantOrUnknownOrEmpty::Empty => None,
                };
                self.integer_enum = i.enumeration.iter().flatten().copied().collect();
                self.enum_null = i.enumeration.iter().any(Option::is_none);
            }
            Type::Number(n) => {
                self.primitive = Primitive::Number {
                    float: n.format == VariantOrUnknownOrEmpty::Item(NumberFormat::Float),
                };
            }
            Type::Boolean(_) => self.primitive = Primitive::Boolean,
            Type::Array(a) => {
                self.primitive = Primitive::Array;
                self.items = a.items.as_ref();
            }
            Type::Object(o) => {
                self.primitive = Primitive::Object;
                self.properties = Some(&o.properties).filter(|p| !p.is_empty());
                self.required = &o.required;
                self.additional = o.additional_properties.as_ref();
            }
        }
    }

    /// The keywords of a schema `openapiv3` could not type: any mix of
    /// them, as 3.1 specs and mended ones write.
    fn read_any(&mut self, any: &'s AnySchema) {
        self.primitive = any_primitive(any);
        self.properties = Some(&any.properties).filter(|p| !p.is_empty());
        self.required = &any.required;
        self.additional = any.additional_properties.as_ref();
        self.items = any.items.as_ref();
        self.format.clone_from(&any.format);
        if self.primitive == Primitive::String {
            self.string_enum = any
                .enumeration
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
        }
        if self.primitive == Primitive::Integer {
            self.integer_enum = any
                .enumeration
                .iter()
                .filter_map(serde_json::Value::as_i64)
                .collect();
        }
        self.enum_null = any.enumeration.iter().any(serde_json::Value::is_null);
        // `i64::MAX as f64` is 2^63, the first value past it.
        self.beyond_i64 = any.maximum.is_some_and(|max| max >= i64::MAX as f64)
            && any.minimum.is_some_and(|min| min >= 0.0);
        self.all_of = &any.all_of;
        self.one_of = if any.one_of.is_empty() {
            &any.any_of
        } else {
            &any.one_of
        };
        self.any_of = any.one_of.is_empty() && !any.any_of.is_empty();
        self.not = any.not.is_some();
        self.not_anything = any.not.as_deref().is_some_and(is_empty_schema);
    }

    /// An `allOf` of parts that constrain nothing (only docs or examples,
    /// as `allOf: [{}, {description: ..}]`) in a schema that says nothing
    /// else: any value.
    fn all_of_says_nothing(&self) -> bool {
        let says_nothing =
            |view: &View<'_>| view.primitive == Primitive::Unspecified && view.has_no_members();
        !self.all_of.is_empty()
            && says_nothing(self)
            && self.all_of.iter().all(|part| match part {
                ReferenceOr::Item(part) => {
                    let part = View::of(part);
                    part.all_of.is_empty() && says_nothing(&part)
                }
                ReferenceOr::Reference { .. } => false,
            })
    }

    /// `null` is a value of the schema itself (`nullable`, or listed in
    /// its `enum`).
    fn accepts_null(&self) -> bool {
        self.data.nullable || self.enum_null
    }

    fn one_of_keyword(&self) -> &'static str {
        if self.any_of { "anyOf" } else { "oneOf" }
    }

    /// An object schema that adds nothing but (maybe) `required` or a
    /// yes-or-no `additionalProperties`, as `allOf` parts often are.
    fn is_plain_object(&self) -> bool {
        matches!(self.primitive, Primitive::Object | Primitive::Unspecified)
            && self.properties.is_none()
            && self.all_of.is_empty()
            && (self.one_of.is_empty() || self.one_of_only_constrains())
            && !matches!(self.additional, Some(AdditionalProperties::Schema(_)))
            && !self.not
    }

    /// `anyOf`/`oneOf` alternatives that only say which properties are
    /// required (`anyOf: [{required: [a]}, {required: [b]}]`, "one of these
    /// must be there"): a check on values, not a shape of its own.
    fn one_of_only_constrains(&self) -> bool {
        !self.one_of.is_empty()
            && self.one_of.iter().all(|alternative| match alternative {
                ReferenceOr::Item(schema) => {
                    let view = View::of(schema);
                    view.one_of.is_empty() && view.is_plain_object()
                }
                ReferenceOr::Reference { .. } => false,
            })
    }

    /// A schema that only annotates what it is part of: docs, `nullable`,
    /// a restated `type`, but no members, items, values or alternatives.
    fn only_annotates(&self) -> bool {
        self.all_of.is_empty() && self.has_no_members()
    }

    /// No properties, items, values, alternatives or `not` (`allOf` parts
    /// aside).
    fn has_no_members(&self) -> bool {
        self.properties.is_none()
            && self.one_of.is_empty()
            && self.items.is_none()
            && self.additional.is_none()
            && self.string_enum.is_empty()
            && self.integer_enum.is_empty()
            && !self.not
    }

    /// `null` is a value of the schema, declared on it or on one of its
    /// inline `allOf` parts (`allOf: [{$ref: X}, {nullable: true}]`).
    fn accepts_null_with_parts(&self) -> bool {
        self.accepts_null()
            || self.all_of.iter().any(|part| match part {
                ReferenceOr::Item(schema) => View::of(schema).accepts_null(),
                ReferenceOr::Reference { .. } => false,
            })
    }
}

/// `allOf: [{$ref: X}]` with nothing else that adds properties (a common
/// way to attach a description or `nullable` to a reference, or restate
/// its type) is just `X`.
fn single_reference<'v>(
    view: &View<'v>,
    at: &Pointer,
) -> Option<(&'v ReferenceOr<Schema>, Pointer)> {
    if view.properties.is_some() || (!view.one_of.is_empty() && !view.one_of_only_constrains()) {
        return None;
    }
    let mut found = None;
    for (i, part) in view.all_of.iter().enumerate() {
        match part {
            ReferenceOr::Reference { .. } if found.is_none() => {
                found = Some((part, at.join("allOf").join(i)))
            }
            ReferenceOr::Item(schema)
                if View::of(schema).is_plain_object() || View::of(schema).only_annotates() => {}
            _ => return None,
        }
    }
    found
}

/// What a schema defines as a named type.
enum Definition {
    Struct(ObjectParts),
    StringEnum(Vec<String>),
    IntegerEnum(Vec<i64>),
    OneOf {
        alternatives: Vec<(ReferenceOr<Schema>, Pointer)>,
        discriminator: Option<openapiv3::Discriminator>,
    },
}

/// The properties of an object, in order, each with where it was declared.
#[derive(Default)]
struct ObjectParts {
    properties: Vec<(String, ReferenceOr<Box<Schema>>, Pointer)>,
    required: BTreeSet<String>,
}

impl ObjectParts {
    /// Adds a property; a later declaration of the same name replaces it.
    fn insert(&mut self, wire: String, schema: ReferenceOr<Box<Schema>>, at: Pointer) {
        match self.properties.iter_mut().find(|(name, ..)| *name == wire) {
            Some(existing) => *existing = (wire, schema, at),
            None => self.properties.push((wire, schema, at)),
        }
    }
}

/// The values without repeats, in first-seen order (specs repeat enum
/// values, which would make unreachable match arms). Linear: real enums
/// run to thousands of values.
fn distinct<T: Eq + std::hash::Hash + Clone>(values: Vec<T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    values
        .into_iter()
        .filter(|v| seen.insert(v.clone()))
        .collect()
}

fn string_variants(values: &[String]) -> Vec<EnumVariant> {
    // `Unknown` is the fallback variant every generated enum has.
    let mut names = Namespace::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|value| EnumVariant {
            name: names.claim(name::variant(value)),
            wire_value: value.clone(),
        })
        .collect()
}

fn integer_variants(values: &[i64]) -> Vec<(String, i64)> {
    let mut names = Namespace::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|&value| {
            let spelled = if value < 0 {
                format!("minus {}", value.unsigned_abs())
            } else {
                value.to_string()
            };
            (
                names.claim(name::variant(&format!("value {spelled}"))),
                value,
            )
        })
        .collect()
}

/// A `oneOf` variant's name from its built-in type.
fn variant_name(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Named(_) => format!("Variant{}", index + 1),
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        ty if ty.is_integer() => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Time => "Time".to_owned(),
        TypeRef::Uuid => "Uuid".to_owned(),
        TypeRef::Base64 => "Bytes".to_owned(),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) | TypeRef::JsonObject => "Object".to_owned(),
        // Integers, caught above; and any JSON.
        _ => format!("Variant{}", index + 1),
    }
}

/// The `format` of a string schema, for docs.
fn format_of(schema: &ReferenceOr<Box<Schema>>) -> Option<String> {
    let ReferenceOr::Item(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => string_format(&s.format),
        _ => None,
    }
}

/// A string schema's `format` as the spec writes it.
fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(format) => Some(
            match format {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }
            .to_owned(),
        ),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

pub(super) fn schema_docs(data: &SchemaData) -> Docs {
    Docs::from_parts([data.title.as_deref(), data.description.as_deref()])
}
