using Microsoft.Extensions.Configuration;
using Tuner.Shared.Hosting;

namespace Tuner.Shared.Tests.Hosting;

public class SettingsSectionTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Values_bind_and_missing_ones_keep_their_defaults()
    {
        var node = SettingsSection.Bind<NodeSettings>(Configuration(("Node:Port", "4053"), ("Node:SeedNodes:0", "akka.tcp://tuner@h:4053")), "Node");

        Assert.Equal(4053, node.Port);
        Assert.Equal("127.0.0.1", node.Hostname);
        Assert.Equal(["akka.tcp://tuner@h:4053"], node.SeedNodes);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_refused_naming_the_key_and_where_to_fix_it()
    {
        var error = Assert.Throws<ArgumentException>(() => SettingsSection.Bind<NodeSettings>(Configuration(("Node:Port", "abc")), "Node"));

        Assert.Contains("Node:Port", error.Message, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0", null, "PublicHostname")]
    [InlineData("127.0.0.1", "akka.tcp://tuner@0.0.0.0:4053", "0.0.0.0")]
    [InlineData("127.0.0.1", "akka.tcp://other@h:4053", "other")]
    [InlineData("127.0.0.1", "not an address", "not an address")]
    public void Node_settings_that_cannot_work_are_refused_with_the_reason(string hostname, string? seed, string named)
    {
        var node = new NodeSettings { Hostname = hostname, SeedNodes = seed is null ? [] : [seed] };

        var error = Assert.Throws<ArgumentException>(node.Validate);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
