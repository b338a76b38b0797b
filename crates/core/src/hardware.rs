//! Accelerators and the systems built from them, as validated domain types.

use crate::money::Money;
use crate::precision::Precision;
use crate::provenance::Known;
use crate::units::{Bytes, BytesPerSecond, FlopsPerSecond, Watts};

/// Whether a product can be bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Shipping to customers.
    Shipping,
    /// Announced or unveiled, not yet shipping in volume.
    Announced,
    /// A roadmap entry: a name and a date, few or no specifications.
    Roadmap,
    /// No longer sold.
    Discontinued,
}

impl Status {
    /// The label used in data files.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::Shipping => "shipping",
            Status::Announced => "announced",
            Status::Roadmap => "roadmap",
            Status::Discontinued => "discontinued",
        }
    }
}

/// One accelerator (GPU, NPU, TPU...).
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Catalog id (`nvidia-h200-sxm`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Maker.
    pub vendor: String,
    /// ISO 3166 alpha-2 country of the maker (`US`, `CN`).
    pub origin: String,
    /// Product category (`datacenter GPU`).
    pub category: String,
    /// Whether it can be bought.
    pub status: Status,
    /// Release date or quarter as the sources give it.
    pub release: Option<String>,
    /// Memory technology (`HBM3e`).
    pub memory_type: Option<String>,
    /// Chip-to-chip fabric (`NVLink 4`).
    pub scale_up_interconnect: Option<String>,
    /// Export-control status for China, with dates, as the sources give it.
    pub china_export_status: Option<String>,
    /// Local memory capacity.
    pub memory: Known<Bytes>,
    /// Local memory (HBM/DRAM) bandwidth.
    pub memory_bandwidth: Known<BytesPerSecond>,
    /// Dense BF16/FP16 compute.
    pub bf16_dense: Known<FlopsPerSecond>,
    /// Dense FP8 compute.
    pub fp8_dense: Known<FlopsPerSecond>,
    /// Dense FP4 compute.
    pub fp4_dense: Known<FlopsPerSecond>,
    /// Dense INT8 compute (operations per second).
    pub int8_dense: Known<FlopsPerSecond>,
    /// Thermal design power.
    pub tdp: Known<Watts>,
    /// Per-chip scale-up bandwidth as the vendor quotes it (NVLink: bidirectional total).
    pub scale_up_bandwidth: Known<BytesPerSecond>,
    /// Price per accelerator.
    pub price: Known<Money>,
    /// Free-text notes from the catalog.
    pub notes: String,
}

impl Chip {
    /// The dense compute fact for arithmetic in `precision`.
    ///
    /// FP16 and BF16 share the 16-bit rate; INT4 uses the FP4 rate where a chip has one.
    #[must_use]
    pub fn compute(&self, precision: Precision) -> &Known<FlopsPerSecond> {
        match precision {
            Precision::Bf16 | Precision::Fp16 => &self.bf16_dense,
            Precision::Fp8 => &self.fp8_dense,
            Precision::Int8 => &self.int8_dense,
            Precision::Int4 | Precision::Fp4 => &self.fp4_dense,
        }
    }

    /// The scenario path of the compute fact for `precision` (`chip.bf16_dense`).
    #[must_use]
    pub fn compute_path(precision: Precision) -> &'static str {
        match precision {
            Precision::Bf16 | Precision::Fp16 => "chip.bf16_dense",
            Precision::Fp8 => "chip.fp8_dense",
            Precision::Int8 => "chip.int8_dense",
            Precision::Int4 | Precision::Fp4 => "chip.fp4_dense",
        }
    }

    /// The record field holding dense compute at `precision` (`bf16_dense`).
    #[must_use]
    pub fn compute_field(precision: Precision) -> &'static str {
        match precision {
            Precision::Bf16 | Precision::Fp16 => "bf16_dense",
            Precision::Fp8 => "fp8_dense",
            Precision::Int8 => "int8_dense",
            Precision::Int4 | Precision::Fp4 => "fp4_dense",
        }
    }
}

/// What kind of system a record describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemKind {
    /// One server (an 8-GPU HGX board, for example).
    Node,
    /// One rack-scale system (GB200 NVL72, Panjiu AL128).
    Rack,
    /// A multi-rack scale-up domain (CloudMatrix 384).
    Supernode,
    /// A pod of many chips (TPU pods).
    Pod,
}

impl SystemKind {
    /// The label used in data files.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            SystemKind::Node => "node",
            SystemKind::Rack => "rack",
            SystemKind::Supernode => "supernode",
            SystemKind::Pod => "pod",
        }
    }
}

/// A node, rack, supernode or pod.
#[derive(Clone, Debug, PartialEq)]
pub struct System {
    /// Catalog id (`nvidia-gb200-nvl72`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Maker.
    pub vendor: String,
    /// ISO 3166 alpha-2 country of the maker.
    pub origin: String,
    /// Node, rack, supernode or pod.
    pub kind: SystemKind,
    /// The chip id the system is built from, when the catalog has it.
    pub accelerator: Option<String>,
    /// What the sources say about the accelerator.
    pub accelerator_note: String,
    /// Scale-up fabric description.
    pub scale_up_fabric: Option<String>,
    /// Release as the sources give it.
    pub release: Option<String>,
    /// Accelerators in one system.
    pub accelerators: Known<f64>,
    /// Accelerators per server node.
    pub accelerators_per_node: Known<f64>,
    /// Racks the system occupies.
    pub racks: Known<f64>,
    /// Chips in one scale-up (high-bandwidth) domain.
    pub scale_up_domain: Known<f64>,
    /// Total accelerator memory.
    pub total_memory: Known<Bytes>,
    /// System power.
    pub power: Known<Watts>,
    /// Price of the whole system.
    pub price: Known<Money>,
    /// Free-text notes from the catalog.
    pub notes: String,
}
