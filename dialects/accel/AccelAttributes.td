//===- AccelAttributes.td - attributes of the accel dialect -*- tablegen -*-===//
//
// Energy per action, with where the number comes from.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_ATTRIBUTES_TD
#define ACCEL_ATTRIBUTES_TD

include "AccelDialect.td"
include "mlir/IR/BuiltinAttributes.td"

/// A double (as an APFloat, which hashes), printed so that it parses back
/// to the same value.
def Accel_DoubleParameter : APFloatParameter<"a double"> {
  let parser = [{ [&]() -> ::mlir::FailureOr<::llvm::APFloat> {
    double value;
    if ($_parser.parseFloat(value))
      return ::mlir::failure();
    return ::llvm::APFloat(value);
  }() }];
  let printer = [{ ::accel::printShortestDouble($_printer, $_self) }];
}

def Accel_ActionAttr : AttrDef<Accel_Dialect, "Action"> {
  let mnemonic = "action";
  let summary = "energy of one action of a component, with its source";
  let description = [{
    The energy in pJ of one action of a component, as Accelergy's energy
    reference table (ERT) defines the action: `read`, `write` and `update`
    move one block of a storage level (`block_size` words); `leak` is the
    leakage energy per cycle of one instance; `compute` (or `mac_random`,
    `mac_reused`, `mac_gated`, `idle`) is one MAC of a compute unit.
    Actions that Accelergy keys by arguments (a register-file `write` by
    `address_delta` and `data_delta`) carry them in `args`. `source` says
    where the number comes from (an ERT file and table, a user table, or an
    energy model by name), so every number can be audited.

    ```mlir
    #accel.action<"read", 43.353054 pJ, source "ERT timeloop-model.ERT.yaml">
    #accel.action<"write", 0.19298 pJ, args {address_delta = 0 : i64, data_delta = 1 : i64}, source "ERT ERT.yaml">
    ```
  }];
  let parameters = (ins StringRefParameter<"action name">:$name,
      Accel_DoubleParameter:$energy,
      OptionalParameter<"::mlir::DictionaryAttr">:$arguments,
      StringRefParameter<"where the number comes from">:$source);
  let assemblyFormat = [{
    `<` $name `,` $energy `pJ` `,` (`args` $arguments^ `,`)? `source` $source `>`
  }];
  let extraClassDeclaration = [{
    /// The energy of one action in pJ.
    double getEnergyPJ() const { return getEnergy().convertToDouble(); }
  }];
}

def Accel_ActionArrayAttr : TypedArrayAttrBase<Accel_ActionAttr,
    "array of #accel.action">;

def Accel_LevelMappingAttr : AttrDef<Accel_Dialect, "LevelMapping"> {
  let mnemonic = "level";
  let summary = "the mapping directives of one storage level";
  let description = [{
    What a mapping puts at the storage level named `level`: the temporal
    loop factor of every dim of the op's workload (`temporal`, in the order
    of the workload's dims) and the loop order (`order`: dim indices,
    innermost loop first, as Timeloop's `permutation`); the spatial factors
    onto the fan-out below the level (`spatial`) with their order
    (`spatial_order`), the first `split` of which are X loops and the rest
    Y loops; and the data spaces the level keeps (`keep`, by name; the
    others bypass it).

    ```mlir
    #accel.level<level = "GlobalBuffer", temporal = array<i64: 2, 32, 3, 1>,
      order = array<i64: 3, 2, 1, 0>, spatial = array<i64: 1, 1, 1, 1>,
      spatial_order = array<i64: 0, 1, 2, 3>, split = 4,
      keep = ["Weights", "Inputs", "Outputs"]>
    ```
  }];
  let parameters = (ins StringRefParameter<"storage level">:$level,
      "::mlir::DenseI64ArrayAttr":$temporal,
      "::mlir::DenseI64ArrayAttr":$order,
      "::mlir::DenseI64ArrayAttr":$spatial,
      "::mlir::DenseI64ArrayAttr":$spatial_order,
      "int64_t":$split,
      "::mlir::ArrayAttr":$keep);
  let assemblyFormat = "`<` struct(params) `>`";
}

def Accel_MappingAttr : AttrDef<Accel_Dialect, "Mapping"> {
  let mnemonic = "mapping";
  let summary = "a mapping of an op's workload onto an accel.arch";
  let description = [{
    One `#accel.level` per storage level of the arch `arch`, outermost
    first: the tiling factors per level, their order, the spatial factors
    onto each fan-out and which data spaces each level keeps. An op carries
    it as the discardable attribute `accel.mapping`;
    `dnn-translate --import-timeloop-problem --mapping` writes it from a
    Timeloop mapping, and the action counter reads it (see
    docs/action-counts.md).
  }];
  let parameters = (ins StringRefParameter<"arch symbol">:$arch,
      "::mlir::ArrayAttr":$levels);
  let assemblyFormat = "`<` struct(params) `>`";
}

#endif // ACCEL_ATTRIBUTES_TD
