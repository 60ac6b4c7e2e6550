using System.Globalization;
using System.Net;
using System.Text;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// report.html: one self-contained page (inline CSS, images as data URIs, no scripts) that a browser opens from
/// disk. Every string that comes from the study is HTML-encoded.
/// </summary>
public static class StudyReportHtml
{
    public static string Render(StudyResults results, byte[] searchPng, byte[]? historyPng)
    {
        var study = results.Study;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Study {E(study.Name)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <h1>Study <span class="name">{E(study.Name)}</span></h1>
            <p class="meta">schedule {E(study.ScheduleName)} &middot; seed {study.Seed} &middot; objective {E(study.Objective)}
            &middot; started {E(Time(study.StartedAt))} &middot; finished {E(Time(study.FinishedAt))}</p>

            """);
        AppendSummary(html, results);
        AppendRetraining(html, results.Retraining, historyPng);
        AppendLeaderboard(html, results);
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Search</h2>
            <img id="search-plot" src="{DataUri(searchPng)}" alt="val_accuracy against epochs for every trial, by bracket">

            """);
        AppendSchedule(html, study);
        AppendWorkers(html, results.Workers, study.Elapsed);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>As Keras Tuner prints it: 00h 13m 09s.</summary>
    public static string Elapsed(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours:00}h {elapsed.Minutes:00}m {elapsed.Seconds:00}s");

    private static void AppendSummary(StringBuilder html, StudyResults results)
    {
        html.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<pre class=\"seed\">");
        if (results.Best is { } best)
        {
            html.Append(CultureInfo.InvariantCulture, $"Best {E(results.Study.Objective)} So Far: {Number(best.ValidationAccuracy)}\n");
        }
        else
        {
            html.Append("No trial produced a score.\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"Total elapsed time: {Elapsed(results.Study.Elapsed)}</pre>\n");
        if (results.Best is { } chosen)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Best hyperparameters (trial {chosen.TrialId})</h3>\n");
            AppendHyperparameters(html, chosen.Hyperparameters, "best-hyperparameters");
        }
        html.Append("</section>\n");
    }

    private static void AppendHyperparameters(StringBuilder html, HyperparameterSet hyperparameters, string id)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"{id}\">\n<thead><tr><th>name</th><th>value</th></tr></thead>\n<tbody>\n");
        foreach (var (name, value) in hyperparameters.Values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td class=\"num\">{E(HyperparameterCell.Format(value))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendRetraining(StringBuilder html, RetrainingRecord? retraining, byte[]? historyPng)
    {
        html.Append("<section id=\"retraining\">\n<h2>Best configuration retrained</h2>\n");
        if (retraining is null)
        {
            html.Append("<p>The study ended without retraining the best configuration.</p>\n</section>\n");
            return;
        }
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"test\">Test split, evaluated once after {retraining.History.Count} epochs: accuracy <b>{Number(retraining.TestAccuracy)}</b>, loss <b>{Number(retraining.TestLoss)}</b></p>\n");
        if (historyPng is not null)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<img id=\"history-plot\" src=\"{DataUri(historyPng)}\" alt=\"accuracy and loss per epoch of the retrained model\">\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendLeaderboard(StringBuilder html, StudyResults results)
    {
        html.Append("""
            <section>
            <h2>Leaderboard</h2>
            <table id="leaderboard">
            <thead><tr><th>#</th><th>trial</th><th>bracket</th><th>best val_accuracy</th><th>epochs reached</th><th>status</th><th>hyperparameters</th></tr></thead>
            <tbody>

            """);
        foreach (var entry in LeaderboardEntry.Rank(results.Trials))
        {
            var trial = entry.Trial;
            var best = trial.TrialId == results.Best?.TrialId ? " class=\"best\"" : "";
            var status = trial.FailureReason is { } reason ? $"{E(trial.Status.ToText())}: {E(reason)}" : E(trial.Status.ToText());
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr{best} data-trial="{trial.TrialId}"><td class="num">{entry.Place}</td><td class="num">{trial.TrialId}</td><td class="num">{trial.Bracket}</td><td class="num">{(trial.BestValidationAccuracy is { } score ? Number(score) : "")}</td><td class="num">{trial.EpochsReached}</td><td class="status-{E(trial.Status.ToText())}">{status}</td><td class="hp">{E(Inline(trial.Hyperparameters))}</td></tr>

                """);
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendSchedule(StringBuilder html, StudyRecord study)
    {
        html.Append("<section>\n<h2>Schedule</h2>\n<table id=\"schedule\">\n<thead><tr><th>iteration</th><th>bracket</th><th>rung</th><th>configurations</th><th>epochs</th></tr></thead>\n<tbody>\n");
        foreach (var bracket in study.Brackets)
        {
            for (var rung = 0; rung < bracket.Rungs.Count; rung++)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td class=\"num\">{bracket.Iteration}</td><td class=\"num\">{bracket.Bracket}</td><td class=\"num\">{rung}</td><td class=\"num\">{bracket.Rungs[rung].Configurations}</td><td class=\"num\">{bracket.Rungs[rung].Epochs}</td></tr>\n");
            }
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendWorkers(StringBuilder html, IReadOnlyList<WorkerUtilisation> workers, TimeSpan elapsed)
    {
        html.Append("<section>\n<h2>Workers</h2>\n<table id=\"workers\">\n<thead><tr><th>worker</th><th>trials run</th><th>busy</th><th>utilisation</th></tr></thead>\n<tbody>\n");
        foreach (var worker in workers.OrderBy(w => w.WorkerId, StringComparer.Ordinal))
        {
            var share = elapsed > TimeSpan.Zero ? (100 * (worker.Busy / elapsed)).ToString("0", CultureInfo.InvariantCulture) + "%" : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(worker.WorkerId)}</td><td class=\"num\">{worker.TrialsRun}</td><td class=\"num\">{Elapsed(worker.Busy)}</td><td class=\"num\">{share}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Inline(HyperparameterSet hyperparameters) =>
        string.Join(", ", hyperparameters.Values.Select(pair => $"{pair.Key}={HyperparameterCell.Format(pair.Value)}"));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1320px; color: #222; padding: 0 1rem; }
        h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
        .meta { color: #666; margin-top: 0; }
        pre.seed { background: #f6f8fa; border: 1px solid #ddd; padding: .8rem 1rem; font-size: 1.05rem; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .92rem; }
        th, td { border: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f0f3f6; } tbody tr:nth-child(even) { background: #fafbfc; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.hp { font-family: "DejaVu Sans Mono", monospace; font-size: .8rem; color: #444; }
        tr.best { background: #e6f4ea !important; font-weight: bold; }
        .status-failed { color: #b00020; } .status-stopped { color: #777; } .status-completed { color: #137333; }
        img { max-width: 100%; border: 1px solid #eee; }
        """;
}
