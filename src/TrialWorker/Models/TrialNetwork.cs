using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Tuner.TrialWorker.Models;

/// <summary>
/// The network of one trial. All its trainable values live in one contiguous vector, and their gradients in
/// another, so that an optimizer step is a handful of tensor operations instead of a handful per layer: at batch 32
/// the per-call overhead, not the arithmetic, is what a small model's training time is made of.
/// Dropout draws from the trial's own generator, so concurrent trials in one process do not disturb each other and a
/// resumed trial draws the same masks as one that never stopped.
/// </summary>
public sealed class TrialNetwork : nn.Module<Tensor, Tensor>
{
    // Keras's BatchNormalization defaults: moving-average momentum 0.99 (0.01 in Torch's convention), epsilon 1e-3.
    private const double BatchNormMomentum = 0.01;
    private const double BatchNormEpsilon = 1e-3;

    private readonly Generator generator;
    private readonly List<ConvLayer> convLayers = [];
    private readonly List<DenseLayer> denseLayers = [];
    private readonly DenseLayer output;

    internal TrialNetwork(NetworkSpec spec, Generator generator)
        : base("trial_network")
    {
        Spec = spec;
        this.generator = generator;
        var layout = new ParameterLayout(spec);
        ParameterBuffer = zeros(layout.Size);
        GradientBuffer = zeros(layout.Size);
        var slices = new ParameterSlicer(this, ParameterBuffer, GradientBuffer, generator);

        var channels = 1;
        for (var i = 0; i < spec.ConvBlocks.Length; i++)
        {
            var block = spec.ConvBlocks[i];
            var kernel = block.KernelSize;
            var weight = slices.GlorotUniform($"conv{i}.weight", [block.Filters, channels, kernel, kernel], channels * kernel * kernel, block.Filters * kernel * kernel);
            var bias = slices.Constant($"conv{i}.bias", [block.Filters], 0);
            BatchNormState? norm = null;
            if (spec.BatchNorm)
            {
                var mean = zeros(block.Filters);
                var variance = ones(block.Filters);
                register_buffer($"norm{i}.running_mean", mean);
                register_buffer($"norm{i}.running_var", variance);
                norm = new BatchNormState(slices.Constant($"norm{i}.weight", [block.Filters], 1), slices.Constant($"norm{i}.bias", [block.Filters], 0), mean, variance);
            }
            convLayers.Add(new ConvLayer(block, weight, bias, norm));
            channels = block.Filters;
        }

        var features = spec.FlattenedFeatures();
        for (var i = 0; i < spec.DenseLayers.Length; i++)
        {
            var layer = spec.DenseLayers[i];
            denseLayers.Add(new DenseLayer(
                slices.GlorotUniform($"dense{i}.weight", [layer.Units, features], features, layer.Units),
                slices.Constant($"dense{i}.bias", [layer.Units], 0),
                layer.L2,
                layer.Dropout));
            features = layer.Units;
        }
        var classes = spec.Input.Classes;
        output = new DenseLayer(
            slices.GlorotUniform("output.weight", [classes, features], features, classes),
            slices.Constant("output.bias", [classes], 0),
            0,
            0);
    }

    public NetworkSpec Spec { get; }

    /// <summary>Every trainable value, in one vector; the parameters are views into it.</summary>
    internal Tensor ParameterBuffer { get; }

    /// <summary>The gradients of <see cref="ParameterBuffer"/>; backward accumulates into it, so zero it each step.</summary>
    internal Tensor GradientBuffer { get; }

    /// <summary>The values a checkpoint must hold to restore this network exactly: weights, then batch-norm statistics.</summary>
    internal IEnumerable<Tensor> StateTensors =>
        convLayers.Where(layer => layer.Norm is not null)
            .SelectMany(layer => new[] { layer.Norm!.RunningMean, layer.Norm.RunningVariance })
            .Prepend(ParameterBuffer);

    public long ParameterCount => ParameterBuffer.numel();

    /// <summary>No convolution blocks: dense layers only, which <c>Training/DenseBackpropagation</c> trains without autograd.</summary>
    internal bool IsDense => convLayers.Count == 0;

    /// <summary>The dense layers in order, the output layer last.</summary>
    internal IEnumerable<DenseLayer> DenseLayers => denseLayers.Append(output);

    public override Tensor forward(Tensor input)
    {
        var hidden = input;
        if (convLayers.Count > 0)
        {
            hidden = hidden.view(-1, 1, Spec.Input.Rows, Spec.Input.Columns);
            foreach (var layer in convLayers)
            {
                var padding = layer.Block.KernelSize / 2;
                hidden = conv2d(hidden, layer.Weight, layer.Bias, padding: [padding, padding]);
                if (layer.Norm is { } norm)
                {
                    hidden = batch_norm(hidden, norm.RunningMean, norm.RunningVariance, norm.Scale, norm.Shift, training, BatchNormMomentum, BatchNormEpsilon);
                }
                hidden = relu(hidden);
                if (layer.Block.Pool)
                {
                    hidden = max_pool2d(hidden, 2);
                }
                hidden = Dropout(hidden, layer.Block.Dropout);
            }
            hidden = hidden.flatten(1);
        }
        foreach (var layer in denseLayers)
        {
            hidden = Dropout(relu(linear(hidden, layer.Weight, layer.Bias)), layer.Dropout);
        }
        return linear(hidden, output.Weight, output.Bias);
    }

    /// <summary>
    /// The L2 penalties as Keras's kernel_regularizer adds them to the loss: factor times the sum of the squared kernel
    /// weights (biases are not penalised); null when no layer has one, so unregularized models pay nothing.
    /// </summary>
    public Tensor? RegularizationLoss()
    {
        Tensor? total = null;
        foreach (var layer in denseLayers.Where(layer => layer.L2 > 0))
        {
            var penalty = layer.Weight.square().sum().mul(layer.L2);
            total = total is null ? penalty : total.add(penalty);
        }
        return total;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The parameters are views that keep the vectors' memory alive: free them now, not when the finalizer runs.
            foreach (var tensor in parameters().Concat(buffers()).ToList())
            {
                tensor.Dispose();
            }
            ParameterBuffer.Dispose();
            GradientBuffer.Dispose();
        }
        base.Dispose(disposing);
    }

    // Inverted dropout as Keras and Torch do it, with the mask drawn from the trial's generator: functional dropout
    // in TorchSharp takes no generator and would draw from the process-wide one.
    private Tensor Dropout(Tensor input, double rate)
    {
        if (!training || rate == 0)
        {
            return input;
        }
        using var mask = DropoutMask(input, rate);
        return input.mul(mask);
    }

    /// <summary>Inverted dropout's mask for <paramref name="input"/>: 0, or 1 / (1 - rate) where a value is kept.</summary>
    internal Tensor DropoutMask(Tensor input, double rate) => empty_like(input).bernoulli_(1 - rate, generator).div_(1 - rate);

    internal sealed record ConvLayer(ConvBlockSpec Block, Parameter Weight, Parameter Bias, BatchNormState? Norm);

    internal sealed record BatchNormState(Parameter Scale, Parameter Shift, Tensor RunningMean, Tensor RunningVariance);

    internal sealed record DenseLayer(Parameter Weight, Parameter Bias, double L2, double Dropout);

    /// <summary>Hands out consecutive views of the parameter and gradient vectors, registering each as a parameter.</summary>
    private sealed class ParameterSlicer(TrialNetwork owner, Tensor parameters, Tensor gradients, Generator generator)
    {
        private long offset;

        // Keras's defaults, so that results compare with the seed study: Glorot-uniform kernels (limit
        // sqrt(6 / (fan_in + fan_out)), with fans counting the receptive field for convolutions) and zero biases.
        public Parameter GlorotUniform(string name, long[] shape, long fanIn, long fanOut)
        {
            var limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            var parameter = Next(name, shape);
            using (no_grad())
            {
                parameter.uniform_(-limit, limit, generator);
            }
            return parameter;
        }

        public Parameter Constant(string name, long[] shape, double value)
        {
            var parameter = Next(name, shape);
            using (no_grad())
            {
                parameter.fill_(value);
            }
            return parameter;
        }

        private Parameter Next(string name, long[] shape)
        {
            var size = shape.Aggregate(1L, (product, dimension) => product * dimension);
            using var values = parameters.narrow(0, offset, size);
            using var valuesView = values.view(shape);
            var parameter = new Parameter(valuesView, requires_grad: true);
            using var gradient = gradients.narrow(0, offset, size);
            using var gradientView = gradient.view(shape);
            parameter.grad = gradientView;
            offset += size;
            owner.register_parameter(name.Replace('.', '_'), parameter);
            return parameter;
        }
    }

    /// <summary>How many values the network holds, counted in the order the slicer hands them out.</summary>
    private sealed class ParameterLayout
    {
        public ParameterLayout(NetworkSpec spec)
        {
            var channels = 1L;
            foreach (var block in spec.ConvBlocks)
            {
                Size += block.Filters * channels * block.KernelSize * block.KernelSize + block.Filters;
                Size += spec.BatchNorm ? 2L * block.Filters : 0;
                channels = block.Filters;
            }
            long features = spec.FlattenedFeatures();
            foreach (var layer in spec.DenseLayers)
            {
                Size += layer.Units * features + layer.Units;
                features = layer.Units;
            }
            Size += spec.Input.Classes * features + spec.Input.Classes;
        }

        public long Size { get; }
    }
}
