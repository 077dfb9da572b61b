//! `fixture-client`, the crate generated from `generator/tests/fixtures/`,
//! over real HTTP on loopback: one module per fixture spec.

mod bodies;
mod features;
mod parameters;
mod responses;
mod schemas;
