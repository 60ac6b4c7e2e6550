using Tuner.Coordinator.Commands;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.Commands;

public class HyperparameterArgumentsTests
{
    [Fact]
    public void Set_arguments_read_as_flags_whole_numbers_real_numbers_and_words()
    {
        var set = HyperparameterArguments.Parse(["num_layers=3", "learning_rate=1e-3", "batch_norm=true", "model=cnn", "drop_0 = 0.5"], HyperparameterSet.Empty);

        Assert.Equal(new HyperparameterValue.WholeNumber(3), set.Values["num_layers"]);
        Assert.Equal(new HyperparameterValue.RealNumber(0.001), set.Values["learning_rate"]);
        Assert.Equal(new HyperparameterValue.Flag(true), set.Values["batch_norm"]);
        Assert.Equal(new HyperparameterValue.Word("cnn"), set.Values["model"]);
        Assert.Equal(new HyperparameterValue.RealNumber(0.5), set.Values["drop_0"]);
    }

    [Fact]
    public void A_set_argument_overrides_the_same_name_from_a_file()
    {
        var start = HyperparameterArguments.ParseJson("""{"num_layers": 2, "learning_rate": 0.01}""", "test.json");

        var set = HyperparameterArguments.Parse(["num_layers=4"], start);

        Assert.Equal(4, set.GetInteger("num_layers"));
        Assert.Equal(0.01, set.GetReal("learning_rate"));
    }

    [Theory]
    [InlineData("num_layers")]
    [InlineData("=3")]
    [InlineData("num_layers=")]
    public void A_set_argument_without_name_and_value_is_refused_with_an_example(string argument)
    {
        var error = Assert.Throws<InvalidHyperparametersException>(() => HyperparameterArguments.Parse([argument], HyperparameterSet.Empty));

        Assert.Contains("name=value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_file_reads_each_value_by_its_json_type()
    {
        var set = HyperparameterArguments.ParseJson("""{"num_units_0": 120, "learning_rate": 0.001, "model": "mlp", "pool_0": false}""", "best.json");

        Assert.Equal(new HyperparameterValue.WholeNumber(120), set.Values["num_units_0"]);
        Assert.Equal(new HyperparameterValue.RealNumber(0.001), set.Values["learning_rate"]);
        Assert.Equal(new HyperparameterValue.Word("mlp"), set.Values["model"]);
        Assert.Equal(new HyperparameterValue.Flag(false), set.Values["pool_0"]);
    }

    [Theory]
    [InlineData("""{"num_layers": 3""", "not valid JSON")]
    [InlineData("""[1, 2]""", "one JSON object")]
    [InlineData("""{"num_layers": [3]}""", "'num_layers'")]
    public void A_bad_json_file_is_refused_naming_the_file_and_the_problem(string json, string expected)
    {
        var error = Assert.Throws<InvalidHyperparametersException>(() => HyperparameterArguments.ParseJson(json, "/tmp/best.json"));

        Assert.Contains("/tmp/best.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
