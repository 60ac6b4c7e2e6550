using Tuner.TrialWorker.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// A training step of a purely dense network with its backward pass written out, instead of recorded and replayed
/// by autograd: at the seed's sizes autograd's bookkeeping cost as much as the arithmetic. Each layer's gradients are
/// written straight into the network's gradient vector (so it needs no zeroing), the loss gradient is
/// (softmax - one-hot) / batch, and dropout and L2 enter exactly as in <see cref="TrialNetwork.forward"/> and
/// <see cref="TrialNetwork.RegularizationLoss"/>, with the masks drawn from the trial's generator in the same order.
/// Create it per epoch inside a dispose scope: it holds views of the network's parameters and gradients.
/// </summary>
internal sealed class DenseBackpropagation : IDisposable
{
    private readonly TrialNetwork network;
    private readonly Layer[] layers;

    public DenseBackpropagation(TrialNetwork network)
    {
        this.network = network;
        layers = [.. network.DenseLayers.Select(layer => new Layer(layer.Weight, layer.Weight.t(), layer.Bias, layer.Weight.grad!, layer.Bias.grad!, layer.L2, layer.Dropout))];
    }

    /// <summary>
    /// Fills the network's gradient vector for one batch; returns the batch's mean loss (with the L2 penalties, as
    /// autograd would minimise it) and the logits.
    /// </summary>
    public (Tensor Loss, Tensor Logits) Step(Tensor features, Tensor labels)
    {
        using var noGrad = no_grad();
        var inputs = new Tensor[layers.Length];
        var hidden = features;
        for (var i = 0; i < layers.Length - 1; i++)
        {
            inputs[i] = hidden;
            var layer = layers[i];
            hidden = addmm(layer.Bias, hidden, layer.WeightTransposed, 1, 1).relu_();
            if (layer.Dropout > 0)
            {
                using var mask = network.DropoutMask(hidden, layer.Dropout);
                hidden.mul_(mask);
            }
        }
        inputs[^1] = hidden;
        var logits = addmm(layers[^1].Bias, hidden, layers[^1].WeightTransposed, 1, 1);

        var logProbabilities = log_softmax(logits, 1);
        var loss = nll_loss(logProbabilities, labels);
        if (network.RegularizationLoss() is { } penalty)
        {
            loss = loss.add(penalty);
        }

        // d loss / d logits of the mean cross-entropy, then back through each layer.
        var gradient = logProbabilities.exp_().sub_(one_hot(labels, logits.shape[1])).div_(features.shape[0]);
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            var layer = layers[i];
            var input = inputs[i];
            layer.WeightGradient.addmm_(gradient.t(), input, beta: 0);
            layer.BiasGradient.copy_(gradient.sum(dim: 0));
            if (layer.L2 > 0)
            {
                layer.WeightGradient.add_(layer.Weight, 2 * layer.L2);
            }
            if (i > 0)
            {
                // Through the previous layer's dropout and ReLU: its output is above 0 exactly where the mask kept a
                // value and the ReLU passed it, and the mask there is 1 / (1 - rate).
                gradient = gradient.mm(layer.Weight).mul_(input.gt(0));
                if (layers[i - 1].Dropout > 0)
                {
                    gradient.div_(1 - layers[i - 1].Dropout);
                }
            }
        }
        return (loss, logits);
    }

    public void Dispose()
    {
        foreach (var layer in layers)
        {
            layer.WeightTransposed.Dispose();
            layer.WeightGradient.Dispose();
            layer.BiasGradient.Dispose();
        }
    }

    private sealed record Layer(Tensor Weight, Tensor WeightTransposed, Tensor Bias, Tensor WeightGradient, Tensor BiasGradient, double L2, double Dropout);
}
