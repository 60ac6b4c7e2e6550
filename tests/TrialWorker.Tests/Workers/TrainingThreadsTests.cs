using System.Runtime.CompilerServices;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Training;
using Tuner.TrialWorker.Workers;

namespace Tuner.TrialWorker.Tests.Workers;

public class TrainingThreadsTests : Akka.TestKit.Xunit.TestKit
{
    // Generous: a loaded 2-core machine can delay a thread by seconds; a pass never waits this long.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void Consecutive_trials_of_a_slot_run_on_one_dedicated_thread_that_keeps_its_flush_to_zero()
    {
        var threads = new TrainingThreads(1, "test");
        var first = OnTrainingThread(threads, () => (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, DenormalFlushing.Enable()));
        var second = OnTrainingThread(threads, () => (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name, Multiply(1e-30f, 1e-10f)));

        Assert.Equal(first.Item1, second.Item1);
        Assert.False(first.Item2);
        Assert.Equal("test-1", second.Item2);
        Assert.True(first.Item3);
        Assert.Equal(0f, second.Item3);
    }

    [Fact]
    public void Each_slot_trains_at_the_same_time_as_the_others()
    {
        var threads = new TrainingThreads(2, "test");
        using var bothStarted = new Barrier(2);
        using var done = new CountdownEvent(2);
        var met = 0;

        for (var i = 0; i < 2; i++)
        {
            Assert.True(threads.TryRun(() =>
            {
                if (bothStarted.SignalAndWait(Wait))
                {
                    Interlocked.Increment(ref met);
                }
                done.Signal();
            }));
        }

        Assert.True(done.Wait(Wait));
        Assert.Equal(2, met);
    }

    [Fact]
    public void The_hand_off_holds_at_most_one_waiting_trial_per_slot()
    {
        var threads = new TrainingThreads(1, "test");
        using var release = new ManualResetEventSlim();
        using var secondRan = new ManualResetEventSlim();
        Occupy(threads, release);

        Assert.True(threads.TryRun(secondRan.Set));
        Assert.False(threads.TryRun(() => { }));
        release.Set();

        Assert.True(secondRan.Wait(Wait));
    }

    [Fact]
    public void Once_stopped_the_threads_take_no_more_trials_and_drop_those_still_waiting()
    {
        var threads = new TrainingThreads(1, "test");
        using var release = new ManualResetEventSlim();
        using var waitingRan = new ManualResetEventSlim();
        Occupy(threads, release);
        Assert.True(threads.TryRun(waitingRan.Set));

        threads.Stop();
        release.Set();

        Assert.False(threads.TryRun(() => { }));
        // Half a second is ample for a freed thread to take a waiting trial; none must be there to take.
        Assert.False(waitingRan.Wait(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void A_worker_trains_its_trials_one_after_another_on_its_slot_thread_even_after_one_crashed()
    {
        var coordinator = CreateTestProbe();
        var runner = new ThreadRecordingRunner();
        var settings = new WorkerSettings { WorkerId = "w1", Slots = 1, RegisterInterval = TimeSpan.FromMilliseconds(200), ExitWhenStudyFinishes = false };
        var worker = Sys.ActorOf(WorkerActor.Props(settings, runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);

        for (var trial = 1; trial <= 3; trial++)
        {
            worker.Tell(new TrialAssignment(trial, 1, 0, 0, HyperparameterSet.Empty, 0, 1, 42, null), coordinator.Ref);
            var finished = coordinator.FishForMessage<TrialFinished>(r => r.TrialId == trial, Wait);
            Assert.Equal(trial != 2, finished.Outcome.Succeeded);
        }

        var thread = Assert.Single(runner.Threads.Distinct());
        Assert.Equal(3, runner.Threads.Count);
        Assert.StartsWith("training-w1-", thread, StringComparison.Ordinal);
    }

    // The slot's thread runs a trial that lasts until release is set.
    private static void Occupy(TrainingThreads threads, ManualResetEventSlim release)
    {
        using var started = new ManualResetEventSlim();
        Assert.True(threads.TryRun(() =>
        {
            started.Set();
            release.Wait(Wait);
        }));
        Assert.True(started.Wait(Wait));
    }

    private static T OnTrainingThread<T>(TrainingThreads threads, Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(threads.TryRun(() => result.SetResult(work())));
        return result.Task.WaitAsync(Wait).GetAwaiter().GetResult();
    }

    // Not inlined, so the product is computed at run time on the calling thread, not folded by the compiler.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Multiply(float a, float b) => a * b;

    /// <summary>Notes the thread of each run; trial 2 crashes.</summary>
    private sealed class ThreadRecordingRunner : ITrialRunner
    {
        private readonly List<string> _threads = [];

        public IReadOnlyList<string> Threads
        {
            get
            {
                lock (_threads)
                {
                    return [.. _threads];
                }
            }
        }

        public TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            lock (_threads)
            {
                _threads.Add($"{Thread.CurrentThread.Name}#{Environment.CurrentManagedThreadId}");
            }
            if (assignment.TrialId == 2)
            {
                throw new InvalidOperationException("boom");
            }
            var metrics = new EpochMetrics(1, 1, 0.5, 1, 0.5, TimeSpan.Zero);
            onEpoch(metrics);
            return new TrialRun(new TrialOutcome([metrics], null, TimeSpan.Zero), [1, 2, 3]);
        }
    }
}
