//===- AccelDialect.td - the accel dialect -----------------*- tablegen -*-===//
//
// The `accel` dialect: accelerator descriptions (storage levels, spatial
// fan-outs, compute units, PIM crossbars) with energy and area per action,
// in the vocabulary of Timeloop and Accelergy.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TD
#define ACCEL_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Accel_Dialect : Dialect {
  let name = "accel";
  let summary = "Accelerator descriptions with energy and area per action";
  let description = [{
    An `accel.arch` lists, outermost to innermost, the storage levels of an
    accelerator (`accel.storage`: DRAM, global buffers, scratchpads, register
    files), the spatial fan-outs between them (`accel.fanout`: a PE array with
    its X and Y dims and the network's multicast and spatial reduction), and
    the compute units at the bottom (`accel.compute` for MACs,
    `accel.crossbar` for processing-in-memory arrays). The vocabulary is
    Timeloop's: a level keeps some data spaces (weights, inputs, outputs) and
    bypasses the others; a fan-out multiplies the instances of every later
    node.

    Energy per action (`#accel.action`) is either given explicitly (from an
    Accelergy ERT, a user table, or written by hand, each with its source) or
    computed by the energy model named by `energy_model` on the component or
    the arch. Energies are per action as the ERT defines it: per block access
    for a storage level, per MAC for a compute unit.

    A mapping (`#accel.mapping`, carried by a dnn op as `accel.mapping`) can
    be materialized as an explicit loop nest (`accel.loop_nest`, written by
    the `accel-lower` pass): one `accel.level` per storage level, its
    temporal and spatial loops (`accel.for`), the transfers of each data
    space's tile into the level (`accel.tile`) and the MAC at the innermost
    point (`accel.mac`). See docs/lowering.md.
  }];
  let cppNamespace = "::accel";
  let useDefaultAttributePrinterParser = 1;
}

class Accel_Op<string mnemonic, list<Trait> traits = []>
    : Op<Accel_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enumerations
//===----------------------------------------------------------------------===//

def Accel_DataSpaces : I32BitEnumAttr<"DataSpaces",
    "the data spaces (tensors) a storage level keeps", [
    I32BitEnumAttrCaseNone<"None", "none">,
    I32BitEnumAttrCaseBit<"Weights", 0, "weights">,
    I32BitEnumAttrCaseBit<"Inputs", 1, "inputs">,
    I32BitEnumAttrCaseBit<"Outputs", 2, "outputs">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
  let separator = "|";
}
def Accel_DataSpacesAttr
    : EnumAttr<Accel_Dialect, Accel_DataSpaces, "dataspaces"> {
  let assemblyFormat = "`<` $value `>`";
}

def Accel_NumberKind : I32EnumAttr<"NumberKind",
    "arithmetic of a compute unit", [
    I32EnumAttrCase<"Int", 0, "int">,
    I32EnumAttrCase<"Float", 1, "float">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}
def Accel_NumberKindAttr
    : EnumAttr<Accel_Dialect, Accel_NumberKind, "number"> {
  let assemblyFormat = "`<` $value `>`";
}

def Accel_LoopKind : I32EnumAttr<"LoopKind",
    "what a loop of a lowered loop nest iterates over", [
    I32EnumAttrCase<"Temporal", 0, "temporal">,
    I32EnumAttrCase<"SpatialX", 1, "spatial_x">,
    I32EnumAttrCase<"SpatialY", 2, "spatial_y">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}
def Accel_LoopKindAttr
    : EnumAttr<Accel_Dialect, Accel_LoopKind, "loop_kind">;

#endif // ACCEL_DIALECT_TD
