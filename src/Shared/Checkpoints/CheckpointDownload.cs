using Akka.Actor;
using Tuner.Shared.Protocol;

namespace Tuner.Shared.Checkpoints;

/// <summary>
/// Fetches one checkpoint from the node that holds it, a chunk at a time, and checks its length and hash on arrival.
/// Reports <see cref="CheckpointDownloaded"/> or <see cref="CheckpointDownloadFailed"/> to its parent, then stops.
/// </summary>
public sealed class CheckpointDownload : ReceiveActor, IWithTimers
{
    private readonly CheckpointManifest _manifest;
    private readonly IActorRef _holder;
    private readonly object _tag;
    private readonly byte[] _received;
    private int _length;
    private int _next;
    private int _retries;

    public CheckpointDownload(CheckpointManifest manifest, IActorRef holder, object tag, TimeSpan chunkTimeout)
    {
        _manifest = manifest;
        _holder = holder;
        _tag = tag;
        _received = new byte[checked((int)manifest.Length)];
        Receive<CheckpointChunk>(chunk => chunk.CheckpointId == _manifest.CheckpointId, chunk => OnChunk(chunk, chunkTimeout));
        Receive<ChunkTimedOut>(timeout => timeout.Index == _next, _ => OnTimeout(chunkTimeout));
        Receive<ChunkTimedOut>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CheckpointManifest manifest, IActorRef holder, object tag, TimeSpan chunkTimeout) =>
        Akka.Actor.Props.Create(() => new CheckpointDownload(manifest, holder, tag, chunkTimeout));

    protected override void PreStart() => RequestNext(TimeSpan.FromSeconds(10));

    private void OnChunk(CheckpointChunk chunk, TimeSpan chunkTimeout)
    {
        if (chunk.Index != _next)
        {
            return;
        }
        if (chunk.Missing)
        {
            Fail($"the holder no longer has checkpoint {_manifest.CheckpointId}");
            return;
        }
        if (_length + chunk.Data.Length > _received.Length)
        {
            Fail($"checkpoint {_manifest.CheckpointId} is longer than the {_manifest.Length} bytes announced");
            return;
        }
        chunk.Data.CopyTo(_received, _length);
        _length += chunk.Data.Length;
        _next++;
        _retries = 0;
        if (_next < _manifest.Chunks)
        {
            RequestNext(chunkTimeout);
            return;
        }
        var arrived = CheckpointShelf.Describe(_manifest.CheckpointId, _received.AsSpan(0, _length).ToArray());
        if (arrived.Length != _manifest.Length || arrived.Sha256 != _manifest.Sha256)
        {
            Fail($"checkpoint {_manifest.CheckpointId} arrived damaged: {arrived.Length} bytes with SHA-256 {arrived.Sha256}, expected {_manifest.Length} bytes with {_manifest.Sha256}");
            return;
        }
        Context.Parent.Tell(new CheckpointDownloaded(_tag, _manifest, _received));
        Context.Stop(Self);
    }

    private void OnTimeout(TimeSpan chunkTimeout)
    {
        if (++_retries > 3)
        {
            Fail($"no answer for chunk {_next} of checkpoint {_manifest.CheckpointId} after {_retries} tries");
            return;
        }
        RequestNext(chunkTimeout);
    }

    private void RequestNext(TimeSpan timeout)
    {
        _holder.Tell(new RequestCheckpointChunk(_manifest.CheckpointId, _next));
        Timers.StartSingleTimer("chunk", new ChunkTimedOut(_next), timeout);
    }

    private void Fail(string reason)
    {
        Context.Parent.Tell(new CheckpointDownloadFailed(_tag, _manifest, reason));
        Context.Stop(Self);
    }

    private sealed record ChunkTimedOut(int Index);
}
