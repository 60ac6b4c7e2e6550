using System.CommandLine;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Commands;

/// <summary>`tuner describe`: the seed's look at its data (shapes, class balance of each split, one training image).</summary>
public static class DescribeCommand
{
    public static Command Create()
    {
        var data = new DataCommandOptions();
        var imageIndex = new Option<int>("--image-index")
        {
            Description = "Which training image to write as a PNG.",
            DefaultValueFactory = _ => 500,
        };
        var imageOut = new Option<FileInfo?>("--image-out")
        {
            Description = "Where to write that image (PNG, enlarged 8x; default: <dataset>-train-<index>.png in the current folder).",
        };
        var command = new Command("describe", "Print the shapes and class percentages of the train, validation and test sets, and write one training image as a PNG.");
        data.AddTo(command);
        command.Options.Add(imageIndex);
        command.Options.Add(imageOut);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var options = data.Read(result);
                var splits = DatasetSource.LoadSplits(options);
                var index = result.GetValue(imageIndex);
                if (index < 0 || index >= splits.Train.Count)
                {
                    error.WriteLine($"--image-index {index} is outside the training set; give a number from 0 to {splits.Train.Count - 1}.");
                    return 1;
                }
                var path = (result.GetValue(imageOut) ?? new FileInfo($"{options.Dataset.Text()}-train-{index}.png")).FullName;
                try
                {
                    ImagePreview.WritePng(splits.Train, index, path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"Could not write the image to '{path}' ({e.Message}); choose another --image-out.");
                    return 1;
                }
                output.Write(DatasetDescription.Format(splits));
                output.WriteLine($"Training image {index} written to {path}");
                output.WriteLine($"Label of the image shown : {splits.Train.Labels[index]}");
                return 0;
            }
            catch (DataFileException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
