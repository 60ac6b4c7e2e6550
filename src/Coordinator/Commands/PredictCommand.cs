using System.CommandLine;
using System.Globalization;
using Tuner.Coordinator.FinalModel;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Models;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Commands;

/// <summary>`tuner predict`: classifies image files, or images of a dataset split, with a saved final model.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "The saved model's folder (a study's runs/<study>/model)", Required = true };
        var images = new Option<string[]>("--image") { Description = "Image files to classify (28x28 greyscale, white digit on black, as MNIST; other sizes are resized)", AllowMultipleArgumentsPerToken = true };
        var invert = new Option<bool>("--invert") { Description = "The images are dark digits on a light background" };
        var split = new Option<string?>("--split") { Description = "Classify images of this split of the dataset instead: train, validation or test" };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        var indices = new Option<int[]>("--index") { Description = "Which images of --split", AllowMultipleArgumentsPerToken = true };
        var data = new DataCommandOptions();
        var command = new Command("predict", "Classify digit images with a saved model.") { model, images, invert, split, indices };
        data.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var (saved, weights) = SavedModel.Load(result.GetValue(model)!.FullName);
                var (set, names, truth) = Inputs(result.GetValue(images) ?? [], result.GetValue(invert), result.GetValue(split), result.GetValue(indices) ?? [], () => DatasetSource.LoadSplits(data.Read(result)));
                using var session = TrialSession.Resume(saved.Hyperparameters, InputShape.Mnist, weights);
                var predictions = Predictor.Classify(session, set);
                for (var i = 0; i < predictions.Count; i++)
                {
                    var known = truth is null ? "" : $" (label {truth[i]}{(truth[i] == predictions[i].Label ? "" : ", wrong")})";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[i]}: {predictions[i].Label} with probability {predictions[i].Confidence:F4}{known}"));
                }
                return 0;
            }
            catch (Exception e) when (e is DataFileException or FileNotFoundException or InvalidDataException or CheckpointFormatException or ArgumentException)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static (ImageSet Images, string[] Names, byte[]? Labels) Inputs(string[] files, bool invert, string? split, int[] indices, Func<DatasetSplits> load)
    {
        if (files.Length > 0 == split is not null)
        {
            throw new ArgumentException("give either --image FILE... or --split NAME --index N...");
        }
        if (files.Length > 0)
        {
            return (PngImages.Read(files, invert: invert), files, null);
        }
        if (indices.Length == 0)
        {
            throw new ArgumentException("--split needs --index N... to say which images");
        }
        var splits = load();
        var source = split switch
        {
            "train" => splits.Train,
            "validation" => splits.Validation,
            _ => splits.Test,
        };
        if (indices.Any(i => i < 0 || i >= source.Count))
        {
            throw new ArgumentException($"--index must be between 0 and {source.Count - 1} for the {split} split");
        }
        var pixels = indices.SelectMany(i => source.Image(i).ToArray()).ToArray();
        var labels = indices.Select(i => source.Labels[i]).ToArray();
        return (new ImageSet(source.Name, source.Rows, source.Columns, pixels, labels), [.. indices.Select(i => $"{split} image {i}")], labels);
    }
}
