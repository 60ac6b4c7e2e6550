using Tuner.Coordinator.Commands;

return TunerCommandLine.Build().Parse(args).Invoke();
