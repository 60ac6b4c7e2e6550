Console.Error.WriteLine("trial-worker: joining a cluster arrives with the cluster issue; use `tuner` for now.");
return 2;
