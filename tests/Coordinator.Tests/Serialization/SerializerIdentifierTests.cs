using Akka.Actor;
using Akka.Serialization;
using Tuner.Coordinator.Persistence;
using Tuner.Shared.Protocol;

namespace Tuner.Coordinator.Tests.Serialization;

public class SerializerIdentifierTests : Akka.TestKit.Xunit.TestKit
{
    // Akka lets a serializer bound later replace one with the same identifier, with only a log line: a clash would
    // silently send protocol messages or journal entries through the wrong format.
    [Fact]
    public void Every_serializer_of_ours_has_an_identifier_of_its_own()
    {
        var ours = new[] { typeof(ProtocolSerializer).Assembly, typeof(StudyJournalSerializer).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsSubclassOf(typeof(Serializer)) && !type.IsAbstract)
            .Select(type => (Serializer)Activator.CreateInstance(type, (ExtendedActorSystem)Sys)!)
            .ToList();

        Assert.Contains(ours, serializer => serializer is ProtocolSerializer);
        Assert.Contains(ours, serializer => serializer is StudyJournalSerializer);
        var clashes = ours.GroupBy(serializer => serializer.Identifier).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(serializer => serializer.GetType().Name))}");
        Assert.Empty(clashes);
    }
}
