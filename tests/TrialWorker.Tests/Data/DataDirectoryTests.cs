using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public class DataDirectoryTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    [Fact]
    public void A_given_folder_wins()
    {
        Assert.Equal("/data/given", DataDirectory.Resolve("/data/given", Environment(("TUNER_DATA_DIR", "/data/env")), "/home/u"));
    }

    [Fact]
    public void The_environment_variable_comes_next()
    {
        Assert.Equal("/data/env", DataDirectory.Resolve(null, Environment(("TUNER_DATA_DIR", "/data/env"), ("XDG_CACHE_HOME", "/xdg")), "/home/u"));
    }

    [Fact]
    public void Then_the_xdg_cache_folder()
    {
        Assert.Equal("/xdg/tuner/datasets", DataDirectory.Resolve(" ", Environment(("XDG_CACHE_HOME", "/xdg")), "/home/u"));
    }

    [Fact]
    public void Then_the_cache_folder_in_the_home_directory()
    {
        Assert.Equal("/home/u/.cache/tuner/datasets", DataDirectory.Resolve(null, Environment(), "/home/u"));
    }
}
