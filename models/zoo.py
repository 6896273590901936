#!/usr/bin/python3
"""The dnn-opt model zoo: classic CNNs built layer by layer from their papers.

Run with Debian's Python 3 (python3-onnx, python3-numpy):

    /usr/bin/python3 models/zoo.py resnet50 -o resnet50.onnx --weights none
    /usr/bin/python3 models/zoo.py --list

Models (see docs/models.md for the sources and the totals they give):

  alexnet       Krizhevsky et al., NIPS 2012: the original two-group network
                (conv2, conv4, conv5 with group=2), 227x227 input, LRN after
                conv1 and conv2 (as the BVLC Caffe reference model).
  vgg16         Simonyan & Zisserman, ICLR 2015, configuration D.
  googlenet     Szegedy et al., CVPR 2015, Table 1 (LRN, inception 3a..5b,
                7x7 average pool, 40% dropout, FC 1000; no auxiliary heads).
  resnet50      He et al., CVPR 2016, Table 1, v1 as in the original Caffe
                model: stride 2 in the FIRST 1x1 conv of a downsampling
                block, projection shortcuts.
  mobilenet_v1  Howard et al. 2017, Table 1, width 1.0, 224x224.
  mobilenet_v2  Sandler et al., CVPR 2018, Table 2, width 1.0, 224x224.

Weights (--weights):
  random  float32 data from numpy (He-normal convolutions and FC layers,
          plausible batch-norm statistics), deterministic: every tensor is
          seeded from its name. VGG-16 comes out at about 553 MB.
  zeros   every trained parameter is zero.
  none    a shape-only model: every trained parameter is an external-data
          tensor (data_location = EXTERNAL, location "MODEL.weights.bin",
          offset and length set) whose file is NOT written; this is how
          design-space tools ship models without weights. Small non-trained
          constants (Clip bounds, the Reshape target shape, the dropout
          ratio) stay inline in every mode: they are operator arguments, not
          parameters, and an importer needs their values.
"""

import argparse
import sys
import time
import zlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WEIGHT_MODES = ("random", "zeros", "none")


class Net:
    """Builds one ONNX graph, tracking the (C, H, W) shape of every tensor.

    The shape tracking only serves to choose pads and channel counts; the
    totals are checked independently from ONNX shape inference
    (models/onnx_count.py)."""

    def __init__(self, name, weights, batch, opset, dynamic_batch):
        assert weights in WEIGHT_MODES
        self.name = name
        self.weights = weights
        self.batch = batch
        self.opset = opset
        self.dynamic_batch = dynamic_batch
        self.nodes = []
        self.initializers = []
        self.shapes = {}  # tensor name -> (C, H, W), or (F,) after flatten
        self.ext_offset = 0
        self.ext_location = f"{name}.weights.bin"
        self.consts = {}
        self.inputs = []
        self.outputs = []

    # --- tensors -------------------------------------------------------

    def input(self, name, c, h, w):
        dim0 = "N" if self.dynamic_batch else self.batch
        self.inputs.append(helper.make_tensor_value_info(
            name, TensorProto.FLOAT, [dim0, c, h, w]))
        self.shapes[name] = (c, h, w)
        return name

    def output(self, name):
        dim0 = "N" if self.dynamic_batch else self.batch
        self.outputs.append(helper.make_tensor_value_info(
            name, TensorProto.FLOAT, [dim0] + list(self.shapes[name])))

    def param(self, name, shape, init):
        """A trained parameter. `init` is "he" (fan-in normal), "bias",
        "bn_scale", "bn_bias", "bn_mean" or "bn_var"."""
        count = int(np.prod(shape))
        if self.weights == "none":
            t = TensorProto()
            t.name = name
            t.data_type = TensorProto.FLOAT
            t.dims.extend(shape)
            t.data_location = TensorProto.EXTERNAL
            for key, value in (("location", self.ext_location),
                               ("offset", str(self.ext_offset)),
                               ("length", str(4 * count))):
                entry = t.external_data.add()
                entry.key = key
                entry.value = value
            self.ext_offset += 4 * count
        else:
            t = TensorProto()
            t.name = name
            t.data_type = TensorProto.FLOAT
            t.dims.extend(shape)
            if self.weights == "zeros":
                t.raw_data = bytes(4 * count)
            else:
                t.raw_data = random_values(name, shape, init).tobytes()
        self.initializers.append(t)
        return name

    def const(self, name, array):
        """A small inline constant (not a trained parameter), shared."""
        if name not in self.consts:
            self.initializers.append(numpy_helper.from_array(array, name))
            self.consts[name] = name
        return name

    def node(self, op, inputs, output, name, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [output], name=name,
                                           **attrs))
        return output

    # --- layers --------------------------------------------------------

    def conv(self, name, x, cout, k, stride=1, pad=None, group=1, bias=True):
        c, h, w = self.shapes[x]
        if pad is None:
            pad = (k - 1) // 2
        pads = list(pad) if isinstance(pad, (list, tuple)) else [pad] * 4
        assert c % group == 0 and cout % group == 0, name
        wname = self.param(f"{name}.weight", [cout, c // group, k, k], "he")
        ins = [x, wname]
        if bias:
            ins.append(self.param(f"{name}.bias", [cout], "bias"))
        y = self.node("Conv", ins, name, name, kernel_shape=[k, k],
                      strides=[stride, stride], pads=pads,
                      dilations=[1, 1], group=group)
        oh = (h + pads[0] + pads[2] - k) // stride + 1
        ow = (w + pads[1] + pads[3] - k) // stride + 1
        self.shapes[y] = (cout, oh, ow)
        return y

    def same_shape(self, x, y):
        self.shapes[y] = self.shapes[x]
        return y

    def relu(self, name, x):
        return self.same_shape(x, self.node("Relu", [x], name, name))

    def relu6(self, name, x):
        lo = self.const("relu6.min", np.array(0.0, dtype=np.float32))
        hi = self.const("relu6.max", np.array(6.0, dtype=np.float32))
        return self.same_shape(x, self.node("Clip", [x, lo, hi], name, name))

    def bn(self, name, x):
        c = self.shapes[x][0]
        ins = [x] + [self.param(f"{name}.{p}", [c], f"bn_{p}")
                     for p in ("scale", "bias", "mean", "var")]
        return self.same_shape(x, self.node("BatchNormalization", ins, name,
                                            name, epsilon=1e-5))

    def lrn(self, name, x, size=5, alpha=1e-4, beta=0.75, bias=1.0):
        return self.same_shape(x, self.node("LRN", [x], name, name, size=size,
                                            alpha=alpha, beta=beta, bias=bias))

    def pool(self, op, name, x, k, stride, pads=(0, 0, 0, 0)):
        c, h, w = self.shapes[x]
        y = self.node(op, [x], name, name, kernel_shape=[k, k],
                      strides=[stride, stride], pads=list(pads))
        self.shapes[y] = (c, (h + pads[0] + pads[2] - k) // stride + 1,
                          (w + pads[1] + pads[3] - k) // stride + 1)
        return y

    def maxpool(self, name, x, k, stride, pads=(0, 0, 0, 0)):
        return self.pool("MaxPool", name, x, k, stride, pads)

    def avgpool(self, name, x, k, stride):
        return self.pool("AveragePool", name, x, k, stride)

    def global_avgpool(self, name, x):
        y = self.node("GlobalAveragePool", [x], name, name)
        self.shapes[y] = (self.shapes[x][0], 1, 1)
        return y

    def add(self, name, a, b):
        assert self.shapes[a] == self.shapes[b], name
        return self.same_shape(a, self.node("Add", [a, b], name, name))

    def concat(self, name, xs):
        y = self.node("Concat", xs, name, name, axis=1)
        _, h, w = self.shapes[xs[0]]
        assert all(self.shapes[x][1:] == (h, w) for x in xs), name
        self.shapes[y] = (sum(self.shapes[x][0] for x in xs), h, w)
        return y

    def flatten(self, name, x):
        y = self.node("Flatten", [x], name, name, axis=1)
        self.shapes[y] = (int(np.prod(self.shapes[x])),)
        return y

    def reshape(self, name, x):
        """Reshape to (batch, features): shape [0, -1] keeps the batch dim,
        static or symbolic."""
        shape = self.const(f"{name}.shape", np.array([0, -1], dtype=np.int64))
        y = self.node("Reshape", [x, shape], name, name)
        self.shapes[y] = (int(np.prod(self.shapes[x])),)
        return y

    def dropout(self, name, x, ratio=0.5):
        if self.opset < 12:
            y = self.node("Dropout", [x], name, name, ratio=ratio)
        elif ratio == 0.5:  # the default
            y = self.node("Dropout", [x], name, name)
        else:
            r = self.const(f"{name}.ratio", np.array(ratio, dtype=np.float32))
            y = self.node("Dropout", [x, r], name, name)
        return self.same_shape(x, y)

    def fc(self, name, x, nout):
        (k,) = self.shapes[x]
        w = self.param(f"{name}.weight", [nout, k], "he")
        b = self.param(f"{name}.bias", [nout], "bias")
        y = self.node("Gemm", [x, w, b], name, name, transB=1)
        self.shapes[y] = (nout,)
        return y

    def softmax(self, name, x):
        return self.same_shape(x, self.node("Softmax", [x], name, name,
                                            axis=1))

    # --- model ---------------------------------------------------------

    def model(self, doc):
        graph = helper.make_graph(self.nodes, self.name, self.inputs,
                                  self.outputs, self.initializers)
        m = helper.make_model(
            graph, producer_name="dnn-opt models/zoo.py", doc_string=doc,
            opset_imports=[helper.make_opsetid("", self.opset)])
        return m


def random_values(name, shape, init):
    """Deterministic values for one tensor: its seed is a hash of its name,
    so a tensor keeps its values however the model around it changes."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    n = int(np.prod(shape))
    if init == "he":
        fan_in = int(np.prod(shape[1:]))
        v = rng.standard_normal(n, dtype=np.float32)
        v *= np.float32(np.sqrt(2.0 / fan_in))
    elif init == "bn_var":
        v = rng.uniform(0.5, 1.5, n).astype(np.float32)
    elif init == "bn_scale":
        v = 1.0 + 0.1 * rng.standard_normal(n, dtype=np.float32)
    else:  # bias, bn_bias, bn_mean
        v = 0.01 * rng.standard_normal(n, dtype=np.float32)
    return v.astype(np.float32, copy=False)


# ---------------------------------------------------------------------------
# AlexNet: Krizhevsky, Sutskever & Hinton, NIPS 2012, Section 3.5 and
# Figure 2 (layer sizes as in the BVLC Caffe reference model, bvlc_alexnet).
# ---------------------------------------------------------------------------

def alexnet(net):
    x = net.input("data", 3, 227, 227)
    x = net.conv("conv1", x, 96, 11, stride=4, pad=0)          # 55x55
    x = net.relu("relu1", x)
    x = net.lrn("norm1", x)
    x = net.maxpool("pool1", x, 3, 2)                          # 27x27
    x = net.conv("conv2", x, 256, 5, pad=2, group=2)
    x = net.relu("relu2", x)
    x = net.lrn("norm2", x)
    x = net.maxpool("pool2", x, 3, 2)                          # 13x13
    x = net.conv("conv3", x, 384, 3, pad=1)
    x = net.relu("relu3", x)
    x = net.conv("conv4", x, 384, 3, pad=1, group=2)
    x = net.relu("relu4", x)
    x = net.conv("conv5", x, 256, 3, pad=1, group=2)
    x = net.relu("relu5", x)
    x = net.maxpool("pool5", x, 3, 2)                          # 6x6
    x = net.flatten("flatten", x)                              # 9216
    x = net.fc("fc6", x, 4096)
    x = net.relu("relu6", x)
    x = net.dropout("drop6", x)
    x = net.fc("fc7", x, 4096)
    x = net.relu("relu7", x)
    x = net.dropout("drop7", x)
    x = net.fc("fc8", x, 1000)
    return net.softmax("prob", x)


# ---------------------------------------------------------------------------
# VGG-16: Simonyan & Zisserman, ICLR 2015, Table 1, configuration D.
# ---------------------------------------------------------------------------

def vgg16(net):
    x = net.input("data", 3, 224, 224)
    for stage, (width, depth) in enumerate(
            [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)], start=1):
        for i in range(1, depth + 1):
            x = net.conv(f"conv{stage}_{i}", x, width, 3, pad=1)
            x = net.relu(f"relu{stage}_{i}", x)
        x = net.maxpool(f"pool{stage}", x, 2, 2)
    x = net.flatten("flatten", x)                              # 7*7*512
    x = net.fc("fc6", x, 4096)
    x = net.relu("relu6", x)
    x = net.dropout("drop6", x)
    x = net.fc("fc7", x, 4096)
    x = net.relu("relu7", x)
    x = net.dropout("drop7", x)
    x = net.fc("fc8", x, 1000)
    return net.softmax("prob", x)


# ---------------------------------------------------------------------------
# GoogLeNet: Szegedy et al., "Going deeper with convolutions", CVPR 2015,
# Table 1 and Figure 3 (names as in BVLC's bvlc_googlenet). The 3x3/2 max
# pools round up (56, 28, 14, 7 as in Table 1): one extra pad at the end.
# ---------------------------------------------------------------------------

GOOGLENET_INCEPTION = {
    #        1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj  (Table 1)
    "3a": (64, 96, 128, 16, 32, 32),
    "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64),
    "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64),
    "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}


def inception(net, name, x):
    c1, r3, c3, r5, c5, pp = GOOGLENET_INCEPTION[name]
    p = f"inception_{name}"
    b1 = net.relu(f"{p}/relu_1x1", net.conv(f"{p}/1x1", x, c1, 1))
    b2 = net.relu(f"{p}/relu_3x3_reduce",
                  net.conv(f"{p}/3x3_reduce", x, r3, 1))
    b2 = net.relu(f"{p}/relu_3x3", net.conv(f"{p}/3x3", b2, c3, 3, pad=1))
    b3 = net.relu(f"{p}/relu_5x5_reduce",
                  net.conv(f"{p}/5x5_reduce", x, r5, 1))
    b3 = net.relu(f"{p}/relu_5x5", net.conv(f"{p}/5x5", b3, c5, 5, pad=2))
    b4 = net.maxpool(f"{p}/pool", x, 3, 1, pads=(1, 1, 1, 1))
    b4 = net.relu(f"{p}/relu_pool_proj",
                  net.conv(f"{p}/pool_proj", b4, pp, 1))
    return net.concat(f"{p}/output", [b1, b2, b3, b4])


def googlenet(net):
    ceil_pads = (0, 0, 1, 1)
    x = net.input("data", 3, 224, 224)
    x = net.conv("conv1/7x7_s2", x, 64, 7, stride=2, pad=3)    # 112x112
    x = net.relu("conv1/relu_7x7", x)
    x = net.maxpool("pool1/3x3_s2", x, 3, 2, ceil_pads)        # 56x56
    x = net.lrn("pool1/norm1", x)
    x = net.conv("conv2/3x3_reduce", x, 64, 1)
    x = net.relu("conv2/relu_3x3_reduce", x)
    x = net.conv("conv2/3x3", x, 192, 3, pad=1)
    x = net.relu("conv2/relu_3x3", x)
    x = net.lrn("conv2/norm2", x)
    x = net.maxpool("pool2/3x3_s2", x, 3, 2, ceil_pads)        # 28x28
    x = inception(net, "3a", x)
    x = inception(net, "3b", x)
    x = net.maxpool("pool3/3x3_s2", x, 3, 2, ceil_pads)        # 14x14
    for name in ("4a", "4b", "4c", "4d", "4e"):
        x = inception(net, name, x)
    x = net.maxpool("pool4/3x3_s2", x, 3, 2, ceil_pads)        # 7x7
    x = inception(net, "5a", x)
    x = inception(net, "5b", x)
    x = net.avgpool("pool5/7x7_s1", x, 7, 1)                   # 1x1x1024
    x = net.dropout("pool5/drop_7x7_s1", x, ratio=0.4)
    x = net.flatten("flatten", x)
    x = net.fc("loss3/classifier", x, 1000)
    return net.softmax("prob", x)


# ---------------------------------------------------------------------------
# ResNet-50 v1: He, Zhang, Ren & Sun, CVPR 2016, Table 1 (50-layer column)
# with the original Caffe model's choices: stride 2 in the first 1x1 conv of
# the first block of conv3_x..conv5_x, projection shortcuts (option B) on
# the first block of every stage, batch norm after every conv. Node names
# follow torchvision ("layer1.0.conv1").
# ---------------------------------------------------------------------------

def resnet50(net):
    x = net.input("data", 3, 224, 224)
    x = net.conv("conv1", x, 64, 7, stride=2, pad=3, bias=False)  # 112x112
    x = net.bn("bn1", x)
    x = net.relu("relu", x)
    x = net.maxpool("maxpool", x, 3, 2, (1, 1, 1, 1))          # 56x56
    for stage, (width, blocks) in enumerate(
            [(64, 3), (128, 4), (256, 6), (512, 3)], start=1):
        for b in range(blocks):
            p = f"layer{stage}.{b}"
            stride = 2 if (b == 0 and stage > 1) else 1
            y = net.conv(f"{p}.conv1", x, width, 1, stride=stride, bias=False)
            y = net.relu(f"{p}.relu1", net.bn(f"{p}.bn1", y))
            y = net.conv(f"{p}.conv2", y, width, 3, pad=1, bias=False)
            y = net.relu(f"{p}.relu2", net.bn(f"{p}.bn2", y))
            y = net.conv(f"{p}.conv3", y, 4 * width, 1, bias=False)
            y = net.bn(f"{p}.bn3", y)
            if b == 0:
                s = net.conv(f"{p}.downsample.0", x, 4 * width, 1,
                             stride=stride, bias=False)
                s = net.bn(f"{p}.downsample.1", s)
            else:
                s = x
            x = net.relu(f"{p}.relu3", net.add(f"{p}.add", y, s))
    x = net.global_avgpool("avgpool", x)
    x = net.flatten("flatten", x)
    x = net.fc("fc", x, 1000)
    return net.softmax("prob", x)


# ---------------------------------------------------------------------------
# MobileNet v1: Howard et al., arXiv:1704.04861 (2017), Table 1; every conv
# is followed by batch norm and ReLU (Figure 3). The table's second-to-last
# depthwise layer reads "s2" but keeps 7x7: it has stride 1, as in the
# authors' implementation. Names as in the Caffe port ("conv2_1/dw").
# ---------------------------------------------------------------------------

MOBILENET_V1_BODY = [
    # (name, stride of the depthwise conv, output channels of the pointwise)
    ("conv2_1", 1, 64), ("conv2_2", 2, 128),
    ("conv3_1", 1, 128), ("conv3_2", 2, 256),
    ("conv4_1", 1, 256), ("conv4_2", 2, 512),
    ("conv5_1", 1, 512), ("conv5_2", 1, 512), ("conv5_3", 1, 512),
    ("conv5_4", 1, 512), ("conv5_5", 1, 512), ("conv5_6", 2, 1024),
    ("conv6", 1, 1024),
]


def mobilenet_v1(net):
    x = net.input("data", 3, 224, 224)
    x = net.conv("conv1", x, 32, 3, stride=2, pad=1, bias=False)  # 112x112
    x = net.relu("conv1/relu", net.bn("conv1/bn", x))
    for name, stride, cout in MOBILENET_V1_BODY:
        c = net.shapes[x][0]
        x = net.conv(f"{name}/dw", x, c, 3, stride=stride, pad=1, group=c,
                     bias=False)
        x = net.relu(f"{name}/dw/relu", net.bn(f"{name}/dw/bn", x))
        x = net.conv(f"{name}/sep", x, cout, 1, bias=False)
        x = net.relu(f"{name}/sep/relu", net.bn(f"{name}/sep/bn", x))
    x = net.avgpool("pool6", x, 7, 1)                          # 1x1x1024
    x = net.reshape("reshape", x)
    x = net.fc("fc7", x, 1000)
    return net.softmax("prob", x)


# ---------------------------------------------------------------------------
# MobileNet v2: Sandler et al., CVPR 2018, Table 2 (bottleneck of Table 1:
# 1x1 expansion to t*k channels + BN + ReLU6, 3x3 depthwise stride s + BN +
# ReLU6, linear 1x1 projection + BN; residual when s = 1 and k = k'). For
# t = 1 the expansion conv is the identity and is left out, as in the
# authors' implementation. The final "conv2d 1x1, k" classifier on a 1x1
# map is the FC layer (Gemm).
# ---------------------------------------------------------------------------

MOBILENET_V2_BODY = [
    # t, c, n, s  (Table 2)
    (1, 16, 1, 1),
    (6, 24, 2, 2),
    (6, 32, 3, 2),
    (6, 64, 4, 2),
    (6, 96, 3, 1),
    (6, 160, 3, 2),
    (6, 320, 1, 1),
]


def mobilenet_v2(net):
    x = net.input("data", 3, 224, 224)
    x = net.conv("conv1", x, 32, 3, stride=2, pad=1, bias=False)  # 112x112
    x = net.relu6("conv1/relu6", net.bn("conv1/bn", x))
    for stage, (t, c, n, s) in enumerate(MOBILENET_V2_BODY, start=1):
        for i in range(n):
            p = f"bottleneck{stage}_{i}"
            stride = s if i == 0 else 1
            cin = net.shapes[x][0]
            y = x
            if t != 1:
                y = net.conv(f"{p}/expand", y, t * cin, 1, bias=False)
                y = net.relu6(f"{p}/expand/relu6",
                              net.bn(f"{p}/expand/bn", y))
            y = net.conv(f"{p}/dw", y, t * cin, 3, stride=stride, pad=1,
                         group=t * cin, bias=False)
            y = net.relu6(f"{p}/dw/relu6", net.bn(f"{p}/dw/bn", y))
            y = net.conv(f"{p}/project", y, c, 1, bias=False)
            y = net.bn(f"{p}/project/bn", y)
            if stride == 1 and cin == c:
                y = net.add(f"{p}/add", x, y)
            x = y
    x = net.conv("conv_last", x, 1280, 1, bias=False)
    x = net.relu6("conv_last/relu6", net.bn("conv_last/bn", x))
    x = net.global_avgpool("avgpool", x)                       # 1x1x1280
    x = net.flatten("flatten", x)
    x = net.fc("classifier", x, 1000)
    return net.softmax("prob", x)


MODELS = {
    "alexnet": (alexnet, "AlexNet, two-group, 227x227 (Krizhevsky 2012)"),
    "vgg16": (vgg16, "VGG-16, configuration D (Simonyan 2015)"),
    "googlenet": (googlenet, "GoogLeNet, Table 1 (Szegedy 2015)"),
    "resnet50": (resnet50, "ResNet-50 v1, stride in the first 1x1 (He 2016)"),
    "mobilenet_v1": (mobilenet_v1, "MobileNet v1 1.0 224 (Howard 2017)"),
    "mobilenet_v2": (mobilenet_v2, "MobileNet v2 1.0 224 (Sandler 2018)"),
}


def build(name, weights="none", batch=1, opset=13, dynamic_batch=False):
    """The ONNX ModelProto of zoo model `name`."""
    fn, doc = MODELS[name]
    net = Net(name, weights, batch, opset, dynamic_batch)
    net.output(fn(net))
    return net.model(doc)


def check(model):
    """onnx.checker.check_model; a shape-only model is checked with its
    external-data parameters turned into graph inputs, since the checker
    insists on reading their (absent) file."""
    external = [t for t in model.graph.initializer
                if t.data_location == TensorProto.EXTERNAL]
    if external:
        checked = onnx.ModelProto()
        checked.CopyFrom(model)
        del checked.graph.initializer[:]
        for t in model.graph.initializer:
            if t.data_location == TensorProto.EXTERNAL:
                checked.graph.input.append(helper.make_tensor_value_info(
                    t.name, t.data_type, list(t.dims)))
            else:
                checked.graph.initializer.append(t)
        model = checked
    onnx.checker.check_model(model, full_check=True)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build a classic CNN as ONNX, layer by layer.")
    ap.add_argument("model", nargs="?", choices=sorted(MODELS))
    ap.add_argument("-o", "--output", help="the .onnx file to write")
    ap.add_argument("--weights", choices=WEIGHT_MODES, default="random",
                    help="random data, zeros, or none (shape-only model "
                         "with external-data tensors whose file is not "
                         "written); default: random")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--opset", type=int, default=13,
                    help="ONNX opset, 11 to %d (default 13)"
                         % onnx.defs.onnx_opset_version())
    ap.add_argument("--dynamic-batch", action="store_true",
                    help='make the batch dim symbolic ("N")')
    ap.add_argument("--check", action="store_true",
                    help="run onnx.checker.check_model (with weights)")
    ap.add_argument("--list", action="store_true", help="list the models")
    args = ap.parse_args(argv)

    if args.list:
        for name in sorted(MODELS):
            print(f"{name:14} {MODELS[name][1]}")
        return 0
    if not args.model or not args.output:
        ap.error("MODEL and -o are required (or --list)")
    if not 11 <= args.opset <= onnx.defs.onnx_opset_version():
        ap.error("--opset must be between 11 and %d"
                 % onnx.defs.onnx_opset_version())
    if args.batch < 1:
        ap.error("--batch must be positive")

    start = time.time()
    model = build(args.model, args.weights, args.batch, args.opset,
                  args.dynamic_batch)
    if args.check:
        check(model)
    with open(args.output, "wb") as f:
        f.write(model.SerializeToString())
    print(f"{args.model}: wrote {args.output} ({args.weights} weights) in "
          f"{time.time() - start:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
