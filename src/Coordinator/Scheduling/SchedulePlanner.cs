using System.Collections.Immutable;

namespace Tuner.Coordinator.Scheduling;

/// <summary>Bracket and rung sizes of each schedule; pure functions of the options.</summary>
public static class SchedulePlanner
{
    public static SchedulePlan Plan(ScheduleOptions options)
    {
        if (options.Problems() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }
        var oneIteration = options.Kind switch
        {
            ScheduleKind.Hyperband => Hyperband(options.MaxEpochs, options.Factor),
            ScheduleKind.Keras => Keras(options.MaxEpochs, options.Factor),
            _ => [],
        };
        var brackets = options.Kind == ScheduleKind.Asha
            ? [Asha(options.MaxEpochs, options.Factor, options.Iterations)]
            : Enumerable.Range(0, options.Iterations)
                .SelectMany(iteration => oneIteration.Select(b => b with { Iteration = iteration }))
                .ToImmutableArray();
        return new SchedulePlan(options, brackets);
    }

    /// <summary>The largest s with eta^s &lt;= R, in integers: log(243)/log(3) is 4.999999999999999 in doubles.</summary>
    public static int MaxBracket(int maxEpochs, int factor)
    {
        var s = 0;
        for (long power = factor; power <= maxEpochs; power *= factor)
        {
            s++;
        }
        return s;
    }

    private static ImmutableArray<BracketPlan> Hyperband(int maxEpochs, int factor)
    {
        var sMax = MaxBracket(maxEpochs, factor);
        return [.. Enumerable.Range(0, sMax + 1).Reverse().Select(s =>
        {
            var powerS = Power(factor, s);
            var n = (((sMax + 1) * powerS) + s) / (s + 1);
            var rungs = Enumerable.Range(0, s + 1)
                .Select(i => new RungPlan((int)(n / Power(factor, i)), RoundedEpochs(maxEpochs, Power(factor, s - i))));
            return new BracketPlan(0, s, [.. rungs]);
        })];
    }

    /// <summary>
    /// Keras Tuner's HyperbandOracle (_get_num_brackets, _get_size, _get_epochs), in the same floating-point arithmetic
    /// so that its rounding, including math.log's, is reproduced.
    /// </summary>
    private static ImmutableArray<BracketPlan> Keras(int maxEpochs, int factor)
    {
        var brackets = 0;
        for (double epochs = maxEpochs; epochs >= 1; epochs /= factor)
        {
            brackets++;
        }
        var bracket0EndSize = Math.Ceiling(1 + (Math.Log(maxEpochs) / Math.Log(factor)));
        return [.. Enumerable.Range(0, brackets).Reverse().Select(b =>
        {
            var endSize = bracket0EndSize / (b + 1);
            var rungs = Enumerable.Range(0, b + 1).Select(round =>
            {
                double power = Power(factor, b - round);
                return new RungPlan((int)Math.Ceiling(endSize * power), (int)Math.Ceiling(maxEpochs / power));
            });
            return new BracketPlan(0, b, [.. rungs]);
        })];
    }

    /// <summary>
    /// One ladder of the rungs of the most aggressive Hyperband bracket, fed iterations x eta^s_max configurations.
    /// The sizes are nominal: asynchronous promotion can promote a few more, depending on completion order.
    /// </summary>
    private static BracketPlan Asha(int maxEpochs, int factor, int iterations)
    {
        var sMax = MaxBracket(maxEpochs, factor);
        var n = iterations * Power(factor, sMax);
        var rungs = Enumerable.Range(0, sMax + 1)
            .Select(k => new RungPlan((int)(n / Power(factor, k)), RoundedEpochs(maxEpochs, Power(factor, sMax - k))));
        return new BracketPlan(0, sMax, [.. rungs]);
    }

    /// <summary>R / divisor rounded half up: at least 1 since divisor &lt;= R, never above R.</summary>
    private static int RoundedEpochs(int maxEpochs, long divisor) => (int)(((2L * maxEpochs) + divisor) / (2 * divisor));

    private static long Power(int factor, int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= factor;
        }
        return result;
    }
}
