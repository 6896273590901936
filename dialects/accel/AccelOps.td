//===- AccelOps.td - operations of the accel dialect -------*- tablegen -*-===//
//
// The hardware description: an arch op holding storage levels, fan-outs,
// compute units and crossbars, outermost to innermost; and the loop nest a
// mapping of one op materializes as (accel.loop_nest and the ops inside).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_OPS_TD
#define ACCEL_OPS_TD

include "AccelDialect.td"
include "AccelAttributes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"

def Accel_ArchOp : Accel_Op<"arch", [IsolatedFromAbove, NoTerminator,
    SingleBlock, NoRegionArguments, Symbol, SymbolTable]> {
  let summary = "an accelerator: storage levels, fan-outs and compute units";
  let description = [{
    The body lists the nodes of the accelerator from the outermost (DRAM) to
    the innermost (the compute units), in Timeloop's order. An
    `accel.fanout` multiplies the instances of every node after it; each
    component states its `instances`, and the verifier checks that they
    equal the product of the fan-outs above it. `clock_mhz` is the clock;
    `technology_nm` the process node that energy models scale to;
    `energy_model` names the model that gives the energy of every action a
    component does not list explicitly (see docs/accel.md).

    ```mlir
    accel.arch @tiny attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64,
                                  energy_model = "horowitz-45nm"} {
      accel.storage @DRAM class "DRAM" {word_bits = 8 : i64, block_size = 8 : i64}
      accel.fanout @PE 4 x 1
      accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64, instances = 4 : i64, mesh_x = 4 : i64}
      accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 4 : i64, mesh_x = 4 : i64}
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, F64Attr:$clock_mhz,
      OptionalAttr<F64Attr>:$technology_nm,
      OptionalAttr<StrAttr>:$energy_model);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The energy model of `component`: its own `energy_model`, else the
    /// arch's; empty when neither is set.
    ::llvm::StringRef getEnergyModelFor(::mlir::Operation *component);
  }];
}

class Accel_ComponentOp<string mnemonic, list<Trait> traits = []>
    : Accel_Op<mnemonic, !listconcat(traits, [Symbol,
        HasParent<"ArchOp">])>;

def Accel_StorageOp : Accel_ComponentOp<"storage"> {
  let summary = "a storage level: DRAM, global buffer, scratchpad, register file";
  let description = [{
    One level of the memory hierarchy, with `instances` copies (the product
    of the fan-outs above it) arranged `mesh_x` wide. `size_words` is the
    capacity of one instance in words of `word_bits` (absent: unbounded, as
    DRAM); `block_size` is the number of words one access moves (Timeloop:
    `width / datawidth`). Bandwidths are in words per cycle per instance.
    `keep` lists the data spaces the level may hold: a weights-only buffer
    keeps `weights`, each of the Eyeriss per-PE scratchpads keeps one data
    space, and the `inter_*_spatial` levels that Timeloop's v0.4 front end
    inserts at a fan-out keep `none` (they need no size and no energy).
    `technology` is the memory technology or type (`LPDDR4`, `SRAM`).
    `actions` holds explicit energies; the rest come from the energy model.

    `constraints` holds the mapspace constraints the architecture puts on
    this level (Timeloop v0.4 inline `constraints`), which the mapper
    applies whenever it maps onto the arch: `temporal` (this level's
    temporal loops) and `spatial` (the loops onto the fan-out below it),
    each with `factors` (strings `N=1`, `C<=4`; dims not listed are free),
    `permutation` (dim names, innermost first; a partial list fixes the
    innermost loops) and, for `spatial`, `split` (the first `split` dims of
    the permutation go to X, the others to Y); `dataspace` with `keep` and
    `bypass` (data space names); `source` (file:line:col of the YAML they
    came from). Dims and data spaces are names of the problem, checked
    when a problem is mapped (see docs/constraints.md).

    ```mlir
    accel.storage @ifmap_spad class "smartbuffer_RF" {..., constraints = {
      temporal = {factors = ["N=1", "M=1"], permutation = ["N", "M"]},
      dataspace = {keep = ["Inputs"]}, source = "arch.yaml:60:7"}}
    ```

    ```mlir
    accel.storage @GlobalBuffer class "SRAM" {size_words = 262144 : i64, word_bits = 8 : i64, block_size = 8 : i64,
      actions = [#accel.action<"read", 43.353054 pJ, source "ERT">]}
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$component_class,
      OptionalAttr<StrAttr>:$technology,
      OptionalAttr<I64Attr>:$size_words,
      I64Attr:$word_bits,
      DefaultValuedAttr<I64Attr, "1">:$block_size,
      OptionalAttr<F64Attr>:$read_bandwidth,
      OptionalAttr<F64Attr>:$write_bandwidth,
      OptionalAttr<F64Attr>:$shared_bandwidth,
      DefaultValuedAttr<I64Attr, "1">:$instances,
      DefaultValuedAttr<I64Attr, "1">:$mesh_x,
      DefaultValuedAttr<F64Attr, "1.0">:$multiple_buffering,
      DefaultValuedAttr<Accel_DataSpacesAttr,
          "::accel::DataSpaces::Weights | ::accel::DataSpaces::Inputs | ::accel::DataSpaces::Outputs">:$keep,
      DefaultValuedAttr<I64Attr, "1">:$ports,
      DefaultValuedAttr<Accel_ActionArrayAttr, "{}">:$actions,
      OptionalAttr<F64Attr>:$area_um2,
      OptionalAttr<StrAttr>:$area_source,
      OptionalAttr<StrAttr>:$energy_model,
      OptionalAttr<DictionaryAttr>:$constraints);
  let assemblyFormat = "$sym_name `class` $component_class attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// True when the level holds no data space (a Timeloop dummy level).
    bool holdsNothing() { return getKeep() == ::accel::DataSpaces::None; }
    /// Timeloop's actions this level's counts need: read, fill, and update
    /// when it keeps outputs.
    ::llvm::SmallVector<::llvm::StringRef> getRequiredActions();
  }];
}

def Accel_FanoutOp : Accel_ComponentOp<"fanout"> {
  let summary = "a spatial fan-out: a PE array and the network into it";
  let description = [{
    Every node after this one is replicated `mesh_x x mesh_y` times more.
    The network that feeds the new instances from the level above can
    `multicast` one word to several of them and perform `spatial_reduction`
    of partial sums on the way back. `actions` may give the energy of a
    `transfer` (one word over one hop); a fan-out without one is a
    wire-less network of zero energy, as in Timeloop. `bandwidth` is the
    number of words per cycle the network carries between one instance of
    the level above and the array (all data spaces together, after
    multicast); absent, it is unbounded. Timeloop does not model it: its
    cycles ignore it, and the Eyexam breakdown reports it separately
    (step 7, docs/evaluate.md).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$mesh_x,
      I64Attr:$mesh_y,
      DefaultValuedAttr<BoolAttr, "true">:$multicast,
      DefaultValuedAttr<BoolAttr, "true">:$spatial_reduction,
      OptionalAttr<I64Attr>:$word_bits,
      DefaultValuedAttr<Accel_ActionArrayAttr, "{}">:$actions,
      OptionalAttr<F64Attr>:$area_um2,
      OptionalAttr<StrAttr>:$area_source,
      OptionalAttr<F64Attr>:$bandwidth);
  let assemblyFormat = "$sym_name $mesh_x `x` $mesh_y attr-dict";
  let hasVerifier = 1;
}

def Accel_ComputeOp : Accel_ComponentOp<"compute"> {
  let summary = "the compute units: MACs with their operand precision";
  let description = [{
    `instances` MAC units (`intmac`, `fpmac`, ...) of `precision_bits`
    operands in `int` or `float` arithmetic. Its action is `compute` (one
    MAC); Accelergy's `mac_random`, `mac_reused`, `mac_gated` and `idle`
    may be listed too, and the counts use the first of `mac_random`,
    `mult_random`, `mac`, `mult`, `compute` that is present (Timeloop's
    priority).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$component_class,
      I64Attr:$precision_bits,
      DefaultValuedAttr<Accel_NumberKindAttr, "::accel::NumberKind::Int">:$number,
      DefaultValuedAttr<I64Attr, "1">:$instances,
      DefaultValuedAttr<I64Attr, "1">:$mesh_x,
      DefaultValuedAttr<Accel_ActionArrayAttr, "{}">:$actions,
      OptionalAttr<F64Attr>:$area_um2,
      OptionalAttr<StrAttr>:$area_source,
      OptionalAttr<StrAttr>:$energy_model);
  let assemblyFormat = "$sym_name `class` $component_class attr-dict";
  let hasVerifier = 1;
}

def Accel_CrossbarOp : Accel_ComponentOp<"crossbar"> {
  let summary = "a processing-in-memory crossbar with its converters";
  let description = [{
    A `rows x columns` array of memory cells of `cell_bits` bits each that
    multiplies an input vector driven on the rows by `dac_bits`-bit DACs
    with the stored weights, accumulating in analog along the columns
    (`analog_accumulation`); `columns_per_adc` columns share one
    `adc_bits`-bit ADC sampling at `adc_mhz`. Its actions are
    `crossbar_mac` (one row-column cell operation), `dac_convert` and
    `adc_convert` (one conversion each).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$rows,
      I64Attr:$columns, DefaultValuedAttr<I64Attr, "1">:$cell_bits,
      DefaultValuedAttr<I64Attr, "1">:$dac_bits,
      DefaultValuedAttr<I64Attr, "8">:$adc_bits,
      DefaultValuedAttr<I64Attr, "1">:$columns_per_adc,
      DefaultValuedAttr<F64Attr, "100.0">:$adc_mhz,
      DefaultValuedAttr<BoolAttr, "true">:$analog_accumulation,
      DefaultValuedAttr<I64Attr, "1">:$instances,
      DefaultValuedAttr<I64Attr, "1">:$mesh_x,
      DefaultValuedAttr<Accel_ActionArrayAttr, "{}">:$actions,
      OptionalAttr<F64Attr>:$area_um2,
      OptionalAttr<StrAttr>:$area_source,
      OptionalAttr<StrAttr>:$energy_model);
  let assemblyFormat = "$sym_name $rows `x` $columns attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Loop nests: a mapping materialized (written by accel-lower)
//===----------------------------------------------------------------------===//

class Accel_LoopNestBodyOp<string mnemonic, list<Trait> traits = []>
    : Accel_Op<mnemonic, !listconcat(traits, [NoTerminator, SingleBlock,
        NoRegionArguments])>;

def Accel_LoopNestOp : Accel_LoopNestBodyOp<"loop_nest",
    [IsolatedFromAbove]> {
  let summary = "a mapping of one op, as an explicit loop nest";
  let description = [{
    The loop nest that the mapping of one op describes, written by the
    `accel-lower` pass right after the op, which names it with its
    `accel.nest` attribute (`target` here). `arch` names the architecture,
    `dims` the op's workload dims with their bounds, `spaces` its data
    spaces, in the order of the workload. The body is a chain of
    `accel.level` ops, outermost storage level first; in each, the
    transfers that fill the level's tiles (`accel.tile`), then its temporal
    loops, then its spatial loops onto the fan-out below it (Y loops outside
    X loops), then the next level; the MAC (`accel.mac`) is at the innermost
    point. The factors of each dim's loops multiply to its bound; loops of
    factor 1 are not written.

    The nest is a readable view of the mapping, not a second source of
    truth: `accel-lower` rebuilds it from `accel.mapping`, and
    `dnnopt::readLoopNest` reads it back into a mapping
    (docs/lowering.md).

    ```mlir
    accel.loop_nest "fc" arch "tiny" dims ["M" = 1, "N" = 8, "K" = 4]
        spaces ["A", "B", "Z"] {
      accel.level "DRAM" keeps ["A", "B", "Z"] {
        accel.for "N" temporal factor 2 {
          accel.level "RF" keeps ["B", "Z"] {
            accel.tile "B" from "DRAM" to "RF" words 16
            accel.tile "Z" from "DRAM" to "RF" words 4 read_write
            accel.for "K" temporal factor 4 {
              accel.for "N" spatial_x factor 4 {
                accel.mac "A" at "DRAM", "B" at "RF", "Z" at "RF"
              }
            }
          }
        }
      }
    }
    ```
  }];
  let arguments = (ins StrAttr:$target, StrAttr:$arch, StrArrayAttr:$dims,
      DenseI64ArrayAttr:$bounds, StrArrayAttr:$spaces);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $target `arch` $arch `dims` custom<DimBounds>($dims, $bounds)
    `spaces` $spaces attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The outermost level of the nest.
    LevelOp getOutermostLevel();
  }];
}

def Accel_LevelOp : Accel_LoopNestBodyOp<"level",
    [ParentOneOf<["LoopNestOp", "LevelOp", "ForOp"]>]> {
  let summary = "the loops and tiles of one storage level of a loop nest";
  let description = [{
    The part of a loop nest that belongs to storage level `name` of the
    arch: the data spaces it `keeps` (the others bypass it), one
    `accel.tile` per kept data space that a level above also keeps (the
    transfer that fills the tile, once per iteration of every loop above),
    then the level's loops, which hold the next level (or the MAC). The
    outermost level keeps every data space and receives no transfer.
  }];
  let arguments = (ins StrAttr:$name, StrArrayAttr:$keep);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name `keeps` $keep attr-dict-with-keyword $body";
}

def Accel_ForOp : Accel_LoopNestBodyOp<"for",
    [ParentOneOf<["LevelOp", "ForOp"]>]> {
  let summary = "a temporal or spatial loop of a loop nest";
  let description = [{
    A loop over `factor` tiles of workload dim `dim`: `temporal` loops
    step in time at the enclosing level; `spatial_x` and `spatial_y` loops
    spread the tiles over the X and Y dims of the fan-out below the
    enclosing level (Timeloop's spatial loops). The body holds one op: the
    next loop, the next level or the MAC.
  }];
  let arguments = (ins StrAttr:$dim, Accel_LoopKindAttr:$kind,
      I64Attr:$factor);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $dim custom<LoopKind>($kind) `factor` $factor attr-dict-with-keyword
    $body
  }];
  let hasVerifier = 1;
}

def Accel_TileOp : Accel_Op<"tile", [HasParent<"LevelOp">]> {
  let summary = "the transfer of a data space's tile into a storage level";
  let description = [{
    The tile of data space `space` that storage level `to` (the enclosing
    `accel.level`) holds, `words` words per instance, is filled from `from`,
    the nearest level above that keeps the data space (levels in between
    bypass it), once per iteration of the loops around it. `read_write`
    marks the data space the op reduces into (the outputs): its partial
    sums also go back up to `from`.
  }];
  let arguments = (ins StrAttr:$space, StrAttr:$from, StrAttr:$to,
      I64Attr:$words, UnitAttr:$read_write);
  let assemblyFormat = [{
    $space `from` $from `to` $to `words` $words (`read_write` $read_write^)?
    attr-dict
  }];
  let hasVerifier = 1;
}

def Accel_MacOp : Accel_Op<"mac", [ParentOneOf<["LevelOp", "ForOp"]>]> {
  let summary = "the multiply-accumulate at the innermost point of a loop nest";
  let description = [{
    One MAC of the compute units, with the storage level each data space is
    read from (or, for the outputs, updated in): the innermost level that
    keeps it. `spaces` and `levels` are parallel lists, printed as
    `"Weights" at "RF"` pairs.
  }];
  let arguments = (ins StrArrayAttr:$spaces, StrArrayAttr:$levels);
  let assemblyFormat = "custom<SpaceLevels>($spaces, $levels) attr-dict";
}

#endif // ACCEL_OPS_TD
