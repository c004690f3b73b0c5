"""Nightly animerec pipeline for Apache Airflow (2.x, with apache-airflow-providers-apache-spark).

One task per pipeline step, each `spark-submit ... animerec-jobs-submit.jar pipeline --config CONF --only STEP`:
the same command as `scripts/submit -- pipeline --config conf/pipeline.yaml --only STEP` in the README. The
steps and their order come from the pipeline config itself (data -> split -> features -> train:<model> ... ->
tune:<model> ... -> report), so the DAG follows conf/pipeline.yaml when models are added.

- A task whose step is unchanged since its last successful run is skipped by animerec (fingerprints in
  <pipeline.root>/state.json), so a nightly run only redoes what changed, and an Airflow retry of a failed task
  resumes the pipeline at that step.
- animerec holds <pipeline.root>/pipeline.lock while a step runs and refuses a second run on the same root. The
  tasks therefore share the pool `animerec-pipeline` with ONE slot (create it once:
  `airflow pools set animerec-pipeline 1 "one animerec pipeline step at a time"`); the DAG still states the real
  dependencies, so a failed train step does not block the others.
- The Spark connection `spark_default` names the master (spark://host:7077, yarn, k8s://...). Paths below are
  where the project is deployed on the Airflow workers; ANIMEREC_HOME overrides.
"""
import os
from datetime import datetime, timedelta

import yaml
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

ANIMEREC_HOME = os.environ.get("ANIMEREC_HOME", "/opt/animerec")
CONFIG = os.path.join(ANIMEREC_HOME, "conf", "pipeline.yaml")
JAR = os.path.join(ANIMEREC_HOME, "jobs", "target", "animerec-jobs-submit.jar")
SPARK_DEFAULTS = os.path.join(ANIMEREC_HOME, "conf", "spark-defaults.conf")


def pipeline_steps(config_path):
    """The pipeline's steps and what each depends on, as `animerec pipeline` plans them."""
    with open(config_path) as f:
        pipeline = (yaml.safe_load(f) or {}).get("pipeline") or {}
    steps = {"data": [], "split": ["data"]}
    if pipeline.get("features") or []:
        steps["features"] = ["data"]
    # the defaults of animerec's config when the keys are absent
    models = list(pipeline.get("train", ["popularity", "item-knn", "als"])) + list(pipeline.get("hybrids") or [])
    for model in models:
        steps["train:" + model] = ["split"]
    studies = [t["model"] for t in pipeline.get("tune") or []]
    for model in studies:
        steps["tune:" + model] = ["split"]
    steps["report"] = ["train:" + m for m in models] + ["tune:" + m for m in studies]
    return steps


def properties(path):
    """conf/spark-defaults.conf as a dict (SparkSubmitOperator passes --conf for each)."""
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition(" ")
                out[key] = value.strip()
    out.pop("spark.master", None)  # the connection says where to run
    return out


with DAG(
    dag_id="animerec_pipeline",
    description="animerec: data -> split -> features -> train (each model) -> hybrids -> report",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5), "pool": "animerec-pipeline"},
    tags=["animerec"],
) as dag:
    tasks = {}
    for step, after in pipeline_steps(CONFIG).items():
        tasks[step] = SparkSubmitOperator(
            task_id=step.replace(":", "__"),
            conn_id="spark_default",
            application=JAR,
            java_class="animerec.cli.Main",
            conf=properties(SPARK_DEFAULTS),
            application_args=["pipeline", "--config", CONFIG, "--only", step],
            env_vars={"ANIMEREC_GIT_COMMIT": os.environ.get("ANIMEREC_GIT_COMMIT", "deployed")},
            name="animerec-" + step.replace(":", "-"),
        )
    for step, after in pipeline_steps(CONFIG).items():
        for a in after:
            tasks[a] >> tasks[step]
