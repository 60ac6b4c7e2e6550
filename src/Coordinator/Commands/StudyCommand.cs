using System.CommandLine;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Commands;

/// <summary>`tuner study list | show NAME | check FILE`: the built-in studies, as JSON to start a custom one from.</summary>
public static class StudyCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the built-in studies.");
        list.SetAction(parse =>
        {
            foreach (var study in BuiltInStudies.All)
            {
                parse.InvocationConfiguration.Output.WriteLine($"{study.Name,-22} {study.Description}");
            }
        });

        var name = new Argument<string>("name") { Description = "A built-in study's name" };
        var show = new Command("show", "Print a built-in study as a study file.") { name };
        show.SetAction(parse =>
        {
            if (BuiltInStudies.Find(parse.GetValue(name)!) is not { } study)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"no built-in study named '{parse.GetValue(name)}'; choose one of {string.Join(", ", BuiltInStudies.All.Select(s => s.Name))}");
                return 1;
            }
            parse.InvocationConfiguration.Output.Write(StudyFile.Write(study));
            return 0;
        });

        var file = new Argument<string>("file") { Description = "A study file" };
        var check = new Command("check", "Check a study file and say where it is wrong.") { file };
        check.SetAction(parse =>
        {
            try
            {
                var study = StudyFile.Load(parse.GetValue(file)!);
                parse.InvocationConfiguration.Output.WriteLine($"{study.Name}: {study.Space.Parameters.Length} parameters, valid");
                return 0;
            }
            catch (StudyFileException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{parse.GetValue(file)}: {e.Message}");
                return 1;
            }
        });

        return new Command("study", "Built-in studies and study files.") { list, show, check };
    }
}
