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

#endif // ACCEL_ATTRIBUTES_TD
