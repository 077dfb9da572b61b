//! `fixture-client`, the crate generated from `generator/tests/fixtures/`,
//! over real HTTP on loopback: one module per fixture spec.

mod bodies;
mod events;
mod features;
mod formats;
mod forms;
mod multi_file;
mod names;
mod nullable;
mod openapi31;
mod openapi32;
mod pagination;
mod parameters;
mod responses;
mod schemas;
mod swagger2;
mod tags;
