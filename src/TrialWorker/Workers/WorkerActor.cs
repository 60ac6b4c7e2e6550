using Akka.Actor;
using Akka.Cluster;
using Serilog;
using Serilog.Events;
using Tuner.Shared;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Protocol;

namespace Tuner.TrialWorker.Workers;

/// <summary>
/// A worker's actor: registers with the coordinator, pulls a trial whenever a slot is free, fetches the checkpoint a
/// promoted trial resumes from, trains on its slots' own threads (<see cref="TrainingThreads"/>), streams progress, and re-sends each result until the
/// coordinator acknowledges it. Holds the checkpoints of finished attempts until the coordinator has fetched them.
/// A slot is busy from its assignment until its result is acknowledged: the result asks for the slot's next trial,
/// which comes with the acknowledgement, and an acknowledgement that comes alone leaves the slot free.
/// </summary>
public sealed class WorkerActor : ReceiveActor, IWithTimers
{
    public const string Name = "worker";

    private readonly WorkerSettings _settings;
    private readonly ITrialRunner _runner;
    private readonly ILogger _log;
    private readonly CheckpointShelf _shelf = new();
    private readonly TrainingThreads _threads;
    private readonly Dictionary<AttemptKey, CancellationTokenSource> _running = [];
    private readonly Dictionary<AttemptKey, TrialFinished> _unacknowledged = [];
    private readonly HashSet<Address> _coordinatorAddresses = [];
    private IActorRef? _coordinator;
    private int _slotsReserved;
    private bool _accepted;

    public WorkerActor(WorkerSettings settings, ITrialRunner runner, IActorRef? coordinator)
    {
        _settings = settings;
        _runner = runner;
        _coordinator = coordinator;
        _log = Log.ForContext("Worker", settings.WorkerId).ForContext<WorkerActor>();
        _threads = new TrainingThreads(settings.Slots, $"training-{settings.WorkerId}");

        Receive<Tick>(_ => OnTick());
        Receive<WorkerAccepted>(OnAccepted);
        Receive<WorkerRefused>(refused => _log.Error("The coordinator refused this worker: {Reason}", refused.Reason));
        Receive<WorkAvailable>(_ => RequestWork());
        Receive<TrialAssignment>(OnAssignment);
        Receive<CheckpointDownloaded>(downloaded =>
        {
            _slotsReserved--;
            StartTraining((TrialAssignment)downloaded.Tag, downloaded.Bytes);
        });
        Receive<CheckpointDownloadFailed>(OnCheckpointDownloadFailed);
        Receive<TrialProgress>(progress => _coordinator?.Tell(progress));
        Receive<TrainingEnded>(OnTrainingEnded);
        Receive<TrialFinishedAcknowledged>(OnAcknowledged);
        Receive<CancelTrial>(OnCancel);
        Receive<RequestCheckpointChunk>(request => Sender.Tell(_shelf.Chunk(request.CheckpointId, request.Index)));
        Receive<StudyFinished>(OnStudyFinished);
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_coordinator), _ => OnCoordinatorLost());
        Receive<ClusterEvent.MemberUp>(up => OnMemberSeen(up.Member));
        Receive<ClusterEvent.MemberRemoved>(removed => _coordinatorAddresses.Remove(removed.Member.Address));
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up))
            {
                OnMemberSeen(member);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(WorkerSettings settings, ITrialRunner runner, IActorRef? coordinator = null) =>
        Akka.Actor.Props.Create(() => new WorkerActor(settings, runner, coordinator));

    private int FreeSlots => _settings.Slots - _running.Count - _slotsReserved - _unacknowledged.Count;

    protected override void PreStart()
    {
        if (_coordinator is null)
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
        }
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.Zero, _settings.RegisterInterval);
    }

    protected override void PostStop()
    {
        foreach (var cancellation in _running.Values)
        {
            cancellation.Cancel();
        }
        _threads.Stop();
        if (_coordinator is null)
        {
            Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private void OnMemberSeen(Member member)
    {
        if (member.HasRole(ClusterRoles.Coordinator))
        {
            _coordinatorAddresses.Add(member.Address);
            Register();
        }
    }

    // Registration doubles as a heartbeat and as the way to find a coordinator that moved; unacknowledged results and
    // unanswered requests are repeated on the same beat.
    private void OnTick()
    {
        Register();
        foreach (var finished in _unacknowledged.Values)
        {
            _coordinator?.Tell(finished);
        }
        if (_accepted)
        {
            RequestWork();
        }
    }

    private void Register()
    {
        var registration = new RegisterWorker(_settings.WorkerId, ProtocolVersion.Current, _settings.Slots);
        if (_coordinator is not null)
        {
            _coordinator.Tell(registration);
            return;
        }
        foreach (var address in _coordinatorAddresses)
        {
            Context.ActorSelection(new RootActorPath(address) / "user" / ClusterRoles.CoordinatorActorName).Tell(registration);
        }
    }

    private void OnAccepted(WorkerAccepted accepted)
    {
        if (!Sender.Equals(_coordinator) || !_accepted)
        {
            _log.Information("Worker {Worker} joined study {Study} with {Slots} slots", _settings.WorkerId, accepted.StudyName, _settings.Slots);
            _coordinator = Sender;
            Context.Watch(_coordinator);
        }
        _accepted = true;
        RequestWork();
    }

    private void RequestWork()
    {
        if (_coordinator is not null && FreeSlots > 0)
        {
            _coordinator.Tell(new RequestTrial(_settings.WorkerId, FreeSlots));
        }
    }

    private void OnAssignment(TrialAssignment assignment)
    {
        if (assignment.Acknowledges is { } acknowledged)
        {
            OnAcknowledged(acknowledged);
        }
        var key = new AttemptKey(assignment.TrialId, assignment.Attempt);
        if (_running.ContainsKey(key) || _unacknowledged.ContainsKey(key))
        {
            return;
        }
        if (assignment.Checkpoint is null)
        {
            StartTraining(assignment, null);
            return;
        }
        if (assignment.CheckpointBytes is { } inline)
        {
            if (CheckpointShelf.Matches(assignment.Checkpoint, inline))
            {
                StartTraining(assignment, inline);
                return;
            }
            Finish(new TrialFinished(assignment.TrialId, assignment.Attempt, _settings.WorkerId, TrialRun.Failed("checkpoint unavailable: the bytes sent do not match its length and SHA-256").Outcome, null));
            return;
        }
        _slotsReserved++;
        Context.ActorOf(CheckpointDownload.Props(assignment.Checkpoint, Sender, assignment, TimeSpan.FromSeconds(10)));
    }

    private void OnCheckpointDownloadFailed(CheckpointDownloadFailed failed)
    {
        _slotsReserved--;
        var assignment = (TrialAssignment)failed.Tag;
        _log.Warning("Trial {Trial} could not fetch its checkpoint: {Reason}", assignment.TrialId, failed.Reason);
        Finish(new TrialFinished(assignment.TrialId, assignment.Attempt, _settings.WorkerId, TrialRun.Failed($"checkpoint unavailable: {failed.Reason}").Outcome, null));
    }

    private void StartTraining(TrialAssignment assignment, byte[]? checkpoint)
    {
        var key = new AttemptKey(assignment.TrialId, assignment.Attempt);
        var cancellation = new CancellationTokenSource();
        _running[key] = cancellation;
        var self = Self;
        var workerId = _settings.WorkerId;
        var log = _log;
        ILogger TrialLog() => log.ForContext("Trial", assignment.TrialId).ForContext("Bracket", assignment.Bracket).ForContext("Rung", assignment.Rung);
        // Checked first: the hyperparameters' text and the trial's logger are not worth building for a dropped event.
        if (log.IsEnabled(LogEventLevel.Information))
        {
            TrialLog().Information("Worker {Worker} starts trial {Trial} epochs {From}..{To} (attempt {Attempt}): {Hyperparameters}", workerId,
                assignment.TrialId, assignment.FromEpoch + 1, assignment.ToEpoch, assignment.Attempt, assignment.Hyperparameters.ToString());
        }
        var handedOver = _threads.TryRun(() =>
        {
            TrialRun run;
            try
            {
                run = _runner.Run(assignment, checkpoint, metrics => self.Tell(new TrialProgress(assignment.TrialId, assignment.Attempt, workerId, metrics)), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                run = TrialRun.Failed("cancelled");
            }
#pragma warning disable CA1031 // A trial's crash must reach the coordinator as a failed trial, whatever it was.
            catch (Exception e)
#pragma warning restore CA1031
            {
                TrialLog().Error(e, "Trial {Trial} crashed", assignment.TrialId);
                run = TrialRun.Failed($"{e.GetType().Name}: {e.Message}");
            }
            self.Tell(new TrainingEnded(assignment, run));
        });
        if (!handedOver)
        {
            // Only a coordinator that assigned more trials than the slots this worker asked for gets here.
            self.Tell(new TrainingEnded(assignment, TrialRun.Failed($"worker {workerId} has no free slot: it runs {_settings.Slots} trials at a time")));
        }
    }

    private void OnTrainingEnded(TrainingEnded ended)
    {
        var (assignment, run) = ended;
        var key = new AttemptKey(assignment.TrialId, assignment.Attempt);
        if (!_running.Remove(key, out var cancellation))
        {
            return;
        }
        var cancelled = cancellation.IsCancellationRequested;
        cancellation.Dispose();
        if (cancelled)
        {
            RequestWork();
            return;
        }
        CheckpointManifest? manifest = null;
        byte[]? inline = null;
        if (run.Checkpoint is not null && run.Outcome.Succeeded)
        {
            var id = $"{assignment.TrialId}-a{assignment.Attempt}-e{assignment.ToEpoch}";
            inline = CheckpointShelf.Inline(run.Checkpoint);
            manifest = inline is null ? _shelf.Put(id, run.Checkpoint) : CheckpointShelf.Describe(id, run.Checkpoint);
        }
        Finish(new TrialFinished(assignment.TrialId, assignment.Attempt, _settings.WorkerId, run.Outcome, manifest, inline));
    }

    private void Finish(TrialFinished finished)
    {
        _unacknowledged[new AttemptKey(finished.TrialId, finished.Attempt)] = finished;
        _coordinator?.Tell(finished);
    }

    private void OnAcknowledged(TrialFinishedAcknowledged acknowledged)
    {
        if (_unacknowledged.Remove(new AttemptKey(acknowledged.TrialId, acknowledged.Attempt), out var finished) && finished.Checkpoint is not null)
        {
            _shelf.Remove(finished.Checkpoint.CheckpointId);
        }
    }

    private void OnCancel(CancelTrial cancel)
    {
        if (_running.TryGetValue(new AttemptKey(cancel.TrialId, cancel.Attempt), out var cancellation))
        {
            _log.Information("Trial {Trial} attempt {Attempt} cancelled by the coordinator", cancel.TrialId, cancel.Attempt);
            cancellation.Cancel();
        }
    }

    private void OnStudyFinished(StudyFinished finished)
    {
        _log.Information("Study {Study} finished", finished.StudyName);
        if (_settings.ExitWhenStudyFinishes && _coordinator is not null && _running.Count == 0)
        {
            Context.System.Terminate();
        }
    }

    private void OnCoordinatorLost()
    {
        _log.Warning("Lost the coordinator; trials go on and results wait until it is back");
        _coordinator = null;
        _accepted = false;
    }

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record TrainingEnded(TrialAssignment Assignment, TrialRun Run);

    private readonly record struct AttemptKey(int TrialId, int Attempt);
}
