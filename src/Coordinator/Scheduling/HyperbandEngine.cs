using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Scheduling;

/// <summary>
/// The search's decisions, apart from running anything: events in, decisions out, no clocks, no I/O. Sampling depends
/// only on the seed and on the schedule (an iteration's brackets open together, in plan order, and each samples its
/// whole first rung at once), and in hyperband and keras a rung's promoted set is always its top k, so the order of
/// worker requests and results does not change what is tried or which trial is best.
/// </summary>
public sealed class HyperbandEngine
{
    public const int DefaultMaxAttempts = 3;

    private static readonly JsonSerializerOptions StateJson = new()
    {
        Converters = { new HyperparameterSetJsonConverter(), new JsonStringEnumConverter() },
    };

    private readonly EngineState _state;
    private readonly ConfigurationSampler _sampler;
    private readonly HashSet<HyperparameterSet> _tried;

    // Kept as the state changes, so that a decision costs the same early and late in a study of thousands of trials.
    private readonly SortedSet<TrialState> _queued;
    private BestTrial? _best;

    private HyperbandEngine(Study study, EngineState state)
    {
        Study = study;
        _state = state;
        Plan = SchedulePlanner.Plan(state.Schedule);
        _sampler = new ConfigurationSampler(study.Space, state.Seed);
        _tried = [.. state.Trials.Select(t => t.Hyperparameters)];
        _queued = new SortedSet<TrialState>(state.Trials.Where(t => t.Phase == TrialPhase.Queued), QueueOrder());
        foreach (var trial in state.Trials)
        {
            for (var rung = 0; rung < trial.Scores.Count; rung++)
            {
                ConsiderForBest(trial, rung);
            }
        }
    }

    public Study Study { get; }

    public SchedulePlan Plan { get; }

    public bool IsFinished => _state.Finished;

    public int MaxAttempts => _state.MaxAttempts;

    public long Seed => _state.Seed;

    /// <summary>
    /// A new study. <paramref name="maxAttempts"/> is how many times one rung of a trial is given out before a lost
    /// trial counts as failed.
    /// </summary>
    public static HyperbandEngine Start(Study study, ScheduleOptions schedule, long seed, int maxAttempts = DefaultMaxAttempts)
    {
        if (schedule.Problems() is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(schedule));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return new HyperbandEngine(study, new EngineState { Schedule = schedule, Seed = seed, MaxAttempts = maxAttempts });
    }

    public Decision Handle(TuningEvent tuningEvent) => tuningEvent switch
    {
        TuningEvent.WorkerReady => Assign(null),
        TuningEvent.TrialStarted started => Assign(started.TrialId),
        TuningEvent.TrialCompleted completed when !double.IsFinite(completed.ValAccuracy) =>
            Record(completed.TrialId, completed.Attempt, t => Fail(t, $"validation accuracy was {completed.ValAccuracy}")),
        TuningEvent.TrialCompleted completed => Record(completed.TrialId, completed.Attempt, t => Complete(t, completed.ValAccuracy)),
        TuningEvent.TrialFailed failed => Record(failed.TrialId, failed.Attempt, t => Fail(t, failed.Reason)),
        TuningEvent.TrialLost lost => Record(lost.TrialId, lost.Attempt, Lose),
        TuningEvent.TrialInterrupted interrupted => Record(interrupted.TrialId, interrupted.Attempt, Interrupt),
        _ => throw new ArgumentOutOfRangeException(nameof(tuningEvent), tuningEvent, "unknown event"),
    };

    public BestTrial? Best() => _best;

    /// <summary>
    /// Whether a checkpoint can still be needed: it is the best run's (for the final evaluation), or the latest of a
    /// trial that may still run (queued again after a loss, running, or stopped at a rung whose promotions are not all
    /// decided yet).
    /// </summary>
    public bool NeedsCheckpoint(CheckpointReference checkpoint)
    {
        if (_best is { } best && best.TrialId == checkpoint.TrialId && best.Epochs == checkpoint.Epoch)
        {
            return true;
        }
        if (checkpoint.TrialId < 0 || checkpoint.TrialId >= _state.Trials.Count)
        {
            return false;
        }
        var trial = _state.Trials[checkpoint.TrialId];
        var outcome = Outcome(trial);
        if (trial.Scores.Count == 0 || outcome is TrialOutcome.Completed or TrialOutcome.Failed)
        {
            return false;
        }
        var rungs = Bracket(trial).Rungs;
        var reached = trial.Scores.Count - 1;
        var promotionsDecided = outcome == TrialOutcome.Stopped && reached + 1 < rungs.Count &&
            rungs[reached + 1].Members.Count >= rungs[reached + 1].PlannedSize;
        return !promotionsDecided && rungs[reached].Epochs == checkpoint.Epoch;
    }

    public EngineStatus Status() => new(
        _state.Schedule,
        _state.Finished,
        Plan.Brackets.Length,
        [.. _state.Brackets.Select(b => new BracketStatus(b.Iteration, b.Bracket, [.. b.Rungs.Select((rung, i) => new RungStatus(
            rung.Epochs,
            rung.PlannedSize,
            [.. rung.Members],
            rung.Members.Count(id => HasResult(_state.Trials[id], i)),
            rung.Members.Count(id => _state.Trials[id] is { Phase: TrialPhase.Running } t && t.Rung == i)))]))],
        [.. _state.Trials.Select(t => new TrialStatus(
            t.Id,
            Bracket(t).Iteration,
            Bracket(t).Bracket,
            t.Rung,
            Outcome(t),
            t.Attempt,
            t.Hyperparameters,
            [.. t.Scores],
            t.FailureReason))],
        _state.RunsCompleted,
        _state.EpochsTrained,
        Best());

    /// <summary>The study and the whole state, enough to resume the search after a restart.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("study");
            StudyFile.Write(writer, Study);
            writer.WritePropertyName("state");
            JsonSerializer.Serialize(writer, _state, StateJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static HyperbandEngine FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var study = StudyFile.Parse(document.RootElement.GetProperty("study").GetRawText());
        var state = document.RootElement.GetProperty("state").Deserialize<EngineState>(StateJson) ??
            throw new JsonException("engine state is null");
        return new HyperbandEngine(study, state);
    }

    /// <summary>The next run in the order of work, or when replaying, the queued run of <paramref name="trialId"/>.</summary>
    private Decision Assign(int? trialId)
    {
        while (true)
        {
            if (_state.Finished)
            {
                return new Decision.Finished();
            }
            if (_state.Schedule.Kind == ScheduleKind.Asha && _queued.Min is not { Rung: > 0 })
            {
                PromoteOneAsynchronously();
            }
            if (NextQueued(trialId) is { } trial)
            {
                return Start(trial);
            }
            if (_state.NextBracket < Plan.Brackets.Length && !_state.SpaceExhausted)
            {
                OpenIteration(Plan.Brackets[_state.NextBracket].Iteration);
                continue;
            }
            if (_state.Trials.Any(t => t.Phase == TrialPhase.Running))
            {
                return new Decision.Wait();
            }
            _state.Finished = true;
        }
    }

    private TrialState? NextQueued(int? trialId) => trialId switch
    {
        null => _queued.Min,
        { } id when id >= 0 && id < _state.Trials.Count && _state.Trials[id].Phase == TrialPhase.Queued => _state.Trials[id],
        _ => null,
    };

    /// <summary>
    /// In hyperband and keras the run that starts from the earliest epoch goes first, then the one with the most epochs
    /// to train (longest processing time first); ties go to the earlier bracket, then the lower rung, then the lower
    /// trial id. Every bracket ends at R epochs, so the earlier a run starts, the longer the chain of promoted runs that
    /// may follow it; long runs first leaves short ones to fill the end, so no worker finishes a long run alone while the
    /// others idle. In asha high rungs go first, so that promoted and lost promoted runs go before new configurations
    /// (its promotions depend on the order of results, so it keeps its own order).
    /// </summary>
    private Comparer<TrialState> QueueOrder() => _state.Schedule.Kind == ScheduleKind.Asha
        ? Comparer<TrialState>.Create((a, b) => a.Rung != b.Rung ? b.Rung.CompareTo(a.Rung) : a.Id.CompareTo(b.Id))
        : Comparer<TrialState>.Create((a, b) =>
            StartEpoch(a) != StartEpoch(b) ? StartEpoch(a).CompareTo(StartEpoch(b))
            : EpochsToTrain(a) != EpochsToTrain(b) ? EpochsToTrain(b).CompareTo(EpochsToTrain(a))
            : a.BracketIndex != b.BracketIndex ? a.BracketIndex.CompareTo(b.BracketIndex)
            : a.Rung != b.Rung ? a.Rung.CompareTo(b.Rung)
            : a.Id.CompareTo(b.Id));

    /// <summary>The epoch the trial's current rung resumes from: the checkpoint of the rung before, or 0.</summary>
    private int StartEpoch(TrialState trial) => trial.Rung == 0 ? 0 : Bracket(trial).Rungs[trial.Rung - 1].Epochs;

    /// <summary>Epochs the trial's current rung trains, resuming from the rung before's checkpoint.</summary>
    private int EpochsToTrain(TrialState trial) => Bracket(trial).Rungs[trial.Rung].Epochs - StartEpoch(trial);

    private void Enqueue(TrialState trial)
    {
        trial.Phase = TrialPhase.Queued;
        _queued.Add(trial);
    }

    private Decision.Run Start(TrialState trial)
    {
        var bracket = Bracket(trial);
        var from = StartEpoch(trial);
        _queued.Remove(trial);
        trial.Phase = TrialPhase.Running;
        trial.Attempt++;
        trial.AttemptsAtRung++;
        return new Decision.Run(
            trial.Id,
            trial.Hyperparameters,
            bracket.Iteration,
            bracket.Bracket,
            trial.Rung,
            from,
            bracket.Rungs[trial.Rung].Epochs,
            trial.Rung == 0 ? null : new CheckpointReference(trial.Id, from),
            trial.Attempt);
    }

    /// <summary>
    /// Opens every bracket of the iteration at once, so that the longest runs of its last brackets can start first.
    /// They open in plan order, each sampling its whole first rung, so the same configurations are drawn in the same
    /// order as if each bracket opened only when the one before ran dry.
    /// </summary>
    private void OpenIteration(int iteration)
    {
        while (_state.NextBracket < Plan.Brackets.Length && Plan.Brackets[_state.NextBracket].Iteration == iteration && !_state.SpaceExhausted)
        {
            OpenBracket(Plan.Brackets[_state.NextBracket]);
            _state.NextBracket++;
        }
    }

    private void OpenBracket(BracketPlan plan)
    {
        var bracket = new BracketState
        {
            Iteration = plan.Iteration,
            Bracket = plan.Bracket,
            Rungs = [.. plan.Rungs.Select(r => new RungState { Epochs = r.Epochs, PlannedSize = r.Configurations })],
        };
        _state.Brackets.Add(bracket);
        for (var slot = 0; slot < plan.Configurations; slot++)
        {
            var hyperparameters = _sampler.Sample(plan.Iteration, plan.Bracket, slot, _tried);
            if (hyperparameters is null)
            {
                _state.SpaceExhausted = true;
                break;
            }
            _tried.Add(hyperparameters);
            var trial = new TrialState { Id = _state.Trials.Count, BracketIndex = _state.Brackets.Count - 1, Hyperparameters = hyperparameters };
            _state.Trials.Add(trial);
            bracket.Rungs[0].Members.Add(trial.Id);
            Enqueue(trial);
        }
    }

    private Decision Record(int trialId, int attempt, Action<TrialState> apply)
    {
        if (trialId < 0 || trialId >= _state.Trials.Count)
        {
            return new Decision.Ignored($"no trial {trialId} in this study");
        }
        var trial = _state.Trials[trialId];
        if (trial.Phase != TrialPhase.Running || trial.Attempt != attempt)
        {
            return new Decision.Ignored($"trial {trialId} attempt {attempt} is not running (trial is {trial.Phase.ToString().ToLowerInvariant()}, attempt {trial.Attempt})");
        }
        apply(trial);
        if (_state.Schedule.Kind != ScheduleKind.Asha)
        {
            PromoteSynchronously(Bracket(trial));
        }
        return new Decision.Recorded();
    }

    private void Complete(TrialState trial, double valAccuracy)
    {
        trial.Scores.Add(valAccuracy);
        trial.Phase = TrialPhase.Reported;
        ConsiderForBest(trial, trial.Rung);
        _state.RunsCompleted++;
        _state.EpochsTrained += EpochsToTrain(trial);
    }

    private static void Fail(TrialState trial, string reason)
    {
        trial.Phase = TrialPhase.Failed;
        trial.FailureReason = reason;
    }

    private void Lose(TrialState trial)
    {
        if (trial.AttemptsAtRung >= _state.MaxAttempts)
        {
            Fail(trial, $"lost {trial.AttemptsAtRung} times at rung {trial.Rung}");
            return;
        }
        Enqueue(trial);
    }

    // Ties go to more epochs, then to the lower trial id (BestTrial's rule), so the order results arrive in never matters.
    private void ConsiderForBest(TrialState trial, int rung)
    {
        var bracket = Bracket(trial);
        var candidate = new BestTrial(trial.Id, trial.Hyperparameters, trial.Scores[rung], bracket.Rungs[rung].Epochs, bracket.Bracket, rung);
        if (_best is not { } best || candidate.ValAccuracy > best.ValAccuracy ||
            (candidate.ValAccuracy == best.ValAccuracy && (candidate.Epochs > best.Epochs || (candidate.Epochs == best.Epochs && candidate.TrialId < best.TrialId))))
        {
            _best = candidate;
        }
    }

    private void Interrupt(TrialState trial)
    {
        trial.AttemptsAtRung--;
        Enqueue(trial);
    }

    /// <summary>
    /// Keras Tuner's early promotion: once more results of a rung are in (and not yet promoted) than the rung will
    /// discard, the best of them is certainly in its top k and goes on at once. A rung's size is its target until the
    /// rung before it is settled, then its actual membership (failures and an exhausted space make it smaller).
    /// </summary>
    private void PromoteSynchronously(BracketState bracket)
    {
        var size = bracket.Rungs[0].Members.Count;
        var settled = true;
        for (var i = 0; i + 1 < bracket.Rungs.Count; i++)
        {
            var rung = bracket.Rungs[i];
            var next = bracket.Rungs[i + 1];
            var n = settled ? rung.Members.Count : size;
            var k = Math.Min(next.PlannedSize, n);
            while (true)
            {
                var resultsIn = rung.Members.Count(id => HasResult(_state.Trials[id], i));
                if (resultsIn - next.Members.Count <= n - k || next.Members.Count >= k || BestUnpromoted(rung, i) is not { } best)
                {
                    break;
                }
                Promote(best, next);
            }
            settled = settled && rung.Members.All(id => HasResult(_state.Trials[id], i));
            size = k;
        }
    }

    /// <summary>
    /// ASHA (Li et al. 2020, Algorithm 2): from the top rung down, promote a trial that is in the top floor(c / eta)
    /// of the c results its rung holds and was not promoted yet. Cold start: a rung with fewer than eta results
    /// promotes nothing, and the worker gets a new configuration instead.
    /// </summary>
    private void PromoteOneAsynchronously()
    {
        foreach (var bracket in _state.Brackets)
        {
            for (var i = bracket.Rungs.Count - 2; i >= 0; i--)
            {
                var results = bracket.Rungs[i].Members.Select(id => _state.Trials[id]).Where(t => HasResult(t, i)).ToList();
                var top = Ranked(results.Where(t => Succeeded(t, i)), i).Take(results.Count / _state.Schedule.Factor);
                if (top.FirstOrDefault(t => t.Rung == i) is { } candidate)
                {
                    Promote(candidate, bracket.Rungs[i + 1]);
                    return;
                }
            }
        }
    }

    private TrialState? BestUnpromoted(RungState rung, int index) =>
        Ranked(rung.Members.Select(id => _state.Trials[id]).Where(t => t.Rung == index && Succeeded(t, index)), index).FirstOrDefault();

    private void Promote(TrialState trial, RungState next)
    {
        next.Members.Add(trial.Id);
        trial.Rung++;
        Enqueue(trial);
        trial.AttemptsAtRung = 0;
    }

    /// <summary>Best first; ties go to the lower trial id so that promotions never depend on arrival order.</summary>
    private static IEnumerable<TrialState> Ranked(IEnumerable<TrialState> trials, int rung) =>
        trials.OrderByDescending(t => t.Scores[rung]).ThenBy(t => t.Id);

    private static bool HasResult(TrialState trial, int rung) =>
        trial.Rung > rung || (trial.Rung == rung && trial.Phase is TrialPhase.Reported or TrialPhase.Failed);

    private static bool Succeeded(TrialState trial, int rung) => trial.Scores.Count > rung;

    private TrialOutcome Outcome(TrialState trial) => trial.Phase switch
    {
        TrialPhase.Queued => TrialOutcome.Queued,
        TrialPhase.Running => TrialOutcome.Running,
        TrialPhase.Failed => TrialOutcome.Failed,
        _ when trial.Rung == Bracket(trial).Rungs.Count - 1 => TrialOutcome.Completed,
        _ => TrialOutcome.Stopped,
    };

    private BracketState Bracket(TrialState trial) => _state.Brackets[trial.BracketIndex];
}
