using Akka.Actor;
using Spectre.Console;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;

namespace Tuner.Coordinator.Watching;

/// <summary>Redraws the study's picture in the terminal every second until the study ends.</summary>
public static class LiveStudyView
{
    public static Task ShowUntil(IActorRef coordinator, Task ended, CancellationToken cancellation) =>
        AnsiConsole.Live(new Text("Starting…")).AutoClear(false).StartAsync(async live =>
        {
            while (!ended.IsCompleted && !cancellation.IsCancellationRequested)
            {
                try
                {
                    var snapshot = await coordinator.Ask<StudySnapshot>(RequestStudyStatus.Instance, TimeSpan.FromSeconds(2), cancellation);
                    live.UpdateTarget(StudyStatusView.Render(snapshot));
                }
                catch (AskTimeoutException)
                {
                    // A busy coordinator answers late; the next second's picture will do.
                }
                await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(1), cancellation));
            }
        });
}
