using Tuner.TrialWorker.Hosting;

return await WorkerCommandLine.Build().Parse(args).InvokeAsync();
