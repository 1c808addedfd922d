# syntax=docker/dockerfile:1
# Multi-stage build of the MetaHub Gateway image: build with the Maven wrapper, run on a JRE as uid 10001.
#   docker build -t metahub/gateway:0.1.0 .

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The wrapper and the POMs first, so that the dependency download stays cached while only sources change.
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY config/pom.xml config/
COPY filters/pom.xml filters/
COPY gateway/pom.xml gateway/
COPY config/src config/src
COPY filters/src filters/src
COPY gateway/src gateway/src
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl gateway -am package \
    && cp gateway/target/metahub-gateway.jar /metahub-gateway.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 metahub \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin metahub
WORKDIR /app
# Container-aware heap sizing, and the parallel collector: the gateway's live heap is small, so its young
# collections are short, and it leaves more of a small machine's cores to the event loops than G1 (bench/README.md,
# finding 12). The Helm chart's javaOpts and the Jib image repeat them (HelmChartTest); bench/run.sh reads this line.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC"
# The jar unpacked with a class data sharing archive, made here by the JVM that will run it: starts in
# about half the time and CPU of java -jar (bench/README.md). Files stay root-owned and read-only.
COPY --from=build /metahub-gateway.jar /tmp/metahub-gateway.jar
COPY gateway/src/main/sh/cds-archive.sh /usr/local/bin/cds-archive.sh
RUN cds-archive.sh /tmp/metahub-gateway.jar /app && rm /tmp/metahub-gateway.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=metahub-gateway.jsa", "-jar", "metahub-gateway.jar"]
