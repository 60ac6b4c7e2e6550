using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;

namespace Tuner.Coordinator.Tests.Simulation;

/// <summary>The order of work against the one it replaced, in simulated time where a run takes as long as its epochs.</summary>
public class MakespanTests
{
    public static TheoryData<ScheduleKind, int, int> SeedAndPaperPlans() => new()
    {
        { ScheduleKind.Keras, 10, 2 },
        { ScheduleKind.Hyperband, 81, 3 },
    };

    [Theory]
    [MemberData(nameof(SeedAndPaperPlans))]
    public void Two_workers_finish_no_later_than_with_brackets_opened_one_at_a_time_in_plan_order(ScheduleKind kind, int maxEpochs, int factor)
    {
        var schedule = new ScheduleOptions(kind, maxEpochs, factor);
        var engine = HyperbandEngine.Start(BuiltInStudies.Find("seed-mlp")!, schedule, seed: 1);

        var result = new StudySimulation(engine, new FakeTrainer(1), new SimulationOptions(Workers: 2)).RunToEnd();

        var plan = SchedulePlanner.Plan(schedule);
        Assert.Equal(plan.Epochs, LazyOrderMakespan(plan, workers: 1));
        Assert.InRange(result.Makespan, result.IdealMakespan, LazyOrderMakespan(plan, workers: 2));
    }

    /// <summary>
    /// The former order: a bracket opened only when nothing else could run, and runs went out by bracket, then rung.
    /// When a run takes as long as its epochs, which trials a rung promotes does not change when runs end, so counting
    /// results and promotions per rung (by the same early-promotion rule) gives the makespan.
    /// </summary>
    private static double LazyOrderMakespan(SchedulePlan plan, int workers)
    {
        var brackets = plan.Brackets;
        var results = brackets.Select(b => new int[b.Rungs.Length]).ToArray();
        var promoted = brackets.Select(b => new int[b.Rungs.Length]).ToArray();
        var queued = new SortedSet<(int Bracket, int Rung, int Serial)>();
        var running = new PriorityQueue<(int Bracket, int Rung), (double EndsAt, int Serial)>();
        int serial = 0, opened = 0;
        double now = 0;
        while (true)
        {
            while (running.Count < workers && (queued.Count > 0 || opened < brackets.Length))
            {
                if (queued.Count == 0)
                {
                    for (var i = 0; i < brackets[opened].Configurations; i++)
                    {
                        queued.Add((opened, 0, serial++));
                    }
                    opened++;
                }
                var next = queued.Min;
                queued.Remove(next);
                var rungs = brackets[next.Bracket].Rungs;
                var epochs = rungs[next.Rung].Epochs - (next.Rung == 0 ? 0 : rungs[next.Rung - 1].Epochs);
                running.Enqueue((next.Bracket, next.Rung), (now + epochs, serial++));
            }
            if (!running.TryDequeue(out var run, out var end))
            {
                return now;
            }
            now = end.EndsAt;
            var (b, r) = run;
            results[b][r]++;
            var plannedRungs = brackets[b].Rungs;
            if (r + 1 < plannedRungs.Length)
            {
                var n = plannedRungs.Take(r + 1).Min(p => p.Configurations);
                var k = Math.Min(plannedRungs[r + 1].Configurations, n);
                while (results[b][r] - promoted[b][r] > n - k && promoted[b][r] < k)
                {
                    promoted[b][r]++;
                    queued.Add((b, r + 1, serial++));
                }
            }
        }
    }
}
