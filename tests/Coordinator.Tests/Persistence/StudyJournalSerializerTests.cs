using System.Runtime.Serialization;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Tests.Persistence;

public class StudyJournalSerializerTests
{
    private readonly StudyJournalSerializer _serializer = new(null!);

    [Fact]
    public void An_entry_of_another_version_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "run-completed/2"));

        Assert.Contains("unknown journal entry 'run-completed/2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_name_is_never_taken_for_a_manifest()
    {
        Assert.Throws<SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), typeof(FileInfo).AssemblyQualifiedName!));
    }

    [Fact]
    public void The_study_started_entry_round_trips_with_its_definition()
    {
        var started = new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("cnn")!, new ScheduleOptions(ScheduleKind.Asha, 9, 3, 2), -5, 4), DateTimeOffset.UnixEpoch.AddDays(3));

        var back = (StudyStarted)_serializer.FromBinary(_serializer.ToBinary(started), _serializer.Manifest(started));

        Assert.Equal(started, back);
        Assert.Empty(started.Definition.Differences(back.Definition));
        Assert.Equal(BuiltInStudies.Find("cnn"), StudyFile.Parse(back.Definition.Study));
    }
}
