// RUN: dnn-translate --export-ert %s | FileCheck %s
// The 45 nm table of the seed (slide 11, Horowitz ISSCC 2014; reference
// published.yaml energy_per_op_45nm_pJ) round-trips exactly through an arch
// at 45 nm that uses the horowitz-45nm model: a 32-bit DRAM read 640 pJ, a
// 32-bit read of an 8 KB SRAM 5 pJ, an int8 MAC 0.2 + 0.03 pJ, an fp32 MAC
// 3.7 + 0.9 pJ.

// CHECK: # Energy reference table (ERT) and area reference table (ART) of accel.arch @horowitz, 45 nm, 1000 MHz.
// CHECK: ERT:
// CHECK:      - name: horowitz.DRAM[1..1]
// CHECK-NEXT:   counts_use: {read: 640.000, fill: 640.000, update: 640.000, leak: 0.00000}
// CHECK-NEXT:   actions:
// CHECK-NEXT:   - name: read
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 640.000
// CHECK-NEXT:     source: "horowitz-45nm (Horowitz ISSCC 2014): DRAM 640 pJ per 32 bits x 32 bits"
// CHECK:      - name: horowitz.SRAM8KB[1..1]
// CHECK-NEXT:   counts_use: {read: 5.00000, fill: 5.00000, update: 5.00000, leak: 0.00000}
// CHECK-NEXT:   actions:
// CHECK-NEXT:   - name: read
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 5.00000
// CHECK-NEXT:     source: "horowitz-45nm (Horowitz ISSCC 2014): SRAM 5 pJ per 32 bits at 8 KB, x 32 bits / 32 x sqrt(8192 B / 8 KB)"
// CHECK:      - name: horowitz.MAC[1..4]
// CHECK-NEXT:   counts_use: {compute: 0.230000, leak: 0.00000}
// CHECK-NEXT:   actions:
// CHECK-NEXT:   - name: compute
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 0.230000
// CHECK-NEXT:     source: "horowitz-45nm (Horowitz ISSCC 2014): int8 mult 0.2 + add 0.03 pJ"
accel.arch @horowitz attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "horowitz-45nm"} {
  accel.storage @DRAM class "DRAM" {word_bits = 32 : i64}
  accel.storage @SRAM8KB class "SRAM" {size_words = 2048 : i64, word_bits = 32 : i64}
  accel.fanout @PE 4 x 1
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 4 : i64, mesh_x = 4 : i64}
}

// Explicit actions (a user table or an imported ERT) override the model and
// keep their arguments; the model fills in only the roles they leave open:
// the explicit `write` is also the RF's update, the model adds the leak.
// CHECK-LABEL: accel.arch @fp32
// CHECK:      - name: fp32.RF[1..1]
// CHECK-NEXT:   counts_use: {read: 1.25000, fill: 1.50000, leak: 0.00000}
// CHECK-NEXT:   actions:
// CHECK-NEXT:   - name: read
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 1.25000
// CHECK-NEXT:     source: "user table"
// CHECK-NEXT:   - name: write
// CHECK-NEXT:     arguments: {address_delta: 1}
// CHECK-NEXT:     energy: 1.50000
// CHECK-NEXT:     source: "user table"
// CHECK-NEXT:   - name: leak
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 0.00000
// CHECK-NEXT:     source: "horowitz-45nm (Horowitz ISSCC 2014): dynamic energy only, no leakage data"
// CHECK:      - name: fp32.FPMAC[1..1]
// CHECK-NEXT:   counts_use: {compute: 4.60000, leak: 0.00000}
// CHECK-NEXT:   actions:
// CHECK-NEXT:   - name: compute
// CHECK-NEXT:     arguments: {}
// CHECK-NEXT:     energy: 4.60000
// CHECK-NEXT:     source: "horowitz-45nm (Horowitz ISSCC 2014): fp32 mult 3.7 + add 0.9 pJ"
accel.arch @fp32 attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "horowitz-45nm"} {
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 32 : i64, keep = #accel.dataspaces<weights>,
      actions = [#accel.action<"read", 1.25 pJ, source "user table">,
                 #accel.action<"write", 1.5 pJ, args {address_delta = 1 : i64}, source "user table">]}
  accel.compute @FPMAC class "fpmac" {precision_bits = 32 : i64, number = #accel.number<float>}
}
