using Tuner.Coordinator.Commands;

try
{
    return TunerCommandLine.Build().Parse(args).Invoke();
}
catch (FileNotFoundException e) when (e.FileName?.StartsWith("trial-worker", StringComparison.Ordinal) == true)
{
    // The tuner is built with the worker beside it (it starts worker processes and shares its code); a copy without it cannot run any command.
    Console.Error.WriteLine($"tuner: trial-worker.dll is missing from {AppContext.BaseDirectory}: build src/Coordinator (it references the worker) in the same configuration, or copy the whole output folder");
    return 1;
}
