#!/bin/sh
# Unpacks the gateway's jar into a folder and adds a class data sharing archive made by a training run,
# which starts the application context once and exits. Started from that folder with the archive, the
# JVM maps the classes instead of loading and verifying them again:
#
#   gateway/src/main/sh/cds-archive.sh gateway/target/metahub-gateway.jar /opt/metahub
#   cd /opt/metahub && java -XX:SharedArchiveFile=metahub-gateway.jsa -jar metahub-gateway.jar
#
# The archive fits only the JVM that made it and the same class path: make it with the java that will
# run the gateway, and start from the folder with these relative paths (the Dockerfile does both).
# A JVM that cannot use the archive says so in one warning line and starts without it.
set -eu
jar=$1 dir=$2
java -Djarmode=tools -jar "$jar" extract --force --destination "$dir"
cd "$dir"
# Redis configured so that its classes are archived too; the context exits once refreshed, before anything
# connects, and the upstream is set to a closed loopback port so that a build never reaches the network; the
# blob cache opens a folder of its own, removed afterwards
java -XX:ArchiveClassesAtExit=metahub-gateway.jsa -Xlog:cds=off -Dspring.context.exit=onRefresh -jar metahub-gateway.jar \
  --spring.data.redis.url=redis://127.0.0.1:6379 --metahub.upstream.url=http://127.0.0.1:9 --logging.level.root=warn \
  --metahub.blob-cache.path="$dir/training-blob-cache"
rm -rf "$dir/training-blob-cache"
test -s metahub-gateway.jsa
